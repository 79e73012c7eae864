namespace StreamCx.Perf.Detection.Scenario;

/// <summary>An injected irritant of known onset: what a detector should find, and how early.</summary>
/// <param name="Kind">fast, slow-24h, slow-48h, sparse-step, intermittent, recurring, peer-only, region-wide, network-wide, importance-key, importance-minor, new-site.</param>
/// <param name="Size">Fall in points of a 1–5 scale (scaled to the attribute's range).</param>
/// <param name="Ramp">Time from onset to the full fall.</param>
/// <param name="Group">Region or "network" for a grouped move, else null.</param>
public sealed record Irritant(string Kind, string SiteId, string AttributeId, DateTimeOffset Onset, TimeSpan Ramp, DateTimeOffset End, double Size, string? Group = null)
{
    /// <summary>Latent effect (1–5 points, negative = worse) at time t.</summary>
    public double EffectAt(DateTimeOffset t)
    {
        if (t < Onset || t >= End) return 0;
        if (Kind == "intermittent")
        {
            // bad for 2 h out of every 6 h
            var into = (t - Onset).TotalHours % 6;
            return into < 2 ? -Size : 0;
        }
        var f = Ramp <= TimeSpan.Zero ? 1 : Math.Min(1, (t - Onset) / Ramp);
        return -Size * f;
    }
}

/// <summary>A usual pattern or event that must not alert; a false open during it is attributed to it.</summary>
/// <param name="Category">daily-lunch-dip, weekly-afternoon, regional-evening, dst, holiday, promotion, closure-reopen, new site (its first 3 days).</param>
/// <param name="AttributeId">null = any attribute.</param>
public sealed record UsualEpisode(string Category, string SiteId, string? AttributeId, DateTimeOffset Start, DateTimeOffset End);
