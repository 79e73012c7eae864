using System.Globalization;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Domain.Alerting;

/// <summary>One plain sentence, with the numbers, that a community manager understands.</summary>
public static class ExplanationWriter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Write(AlertDecision d, Site site, AttributeDefinition attribute, ScoreSummary score)
    {
        var subject = $"{attribute.Label} at {site.Name}";
        if (d.Status == AlertStatus.Resolved)
            return $"{subject} has recovered: {N(score.Mean)} over the last hour, against {N(d.WorstLevel)} at its worst and {N(d.NormalLevel)} before the alert.";

        var clauses = d.Signals.Select(s => Clause(s, site)).ToList();
        var lead = d.Status == AlertStatus.Updated ? $"{subject} is still a problem" : $"{subject} needs attention";
        var sentence = $"{lead}: {string.Join("; ", clauses)}";
        if (d.Importance is { } imp)
            sentence += imp.Rank <= Math.Max(1, imp.AttributeCount / 3)
                ? $"; it is the {Ordinal(imp.Rank)} strongest of {imp.AttributeCount} drivers of recommendation (weight {N(imp.Weight)}), so it matters"
                : $"; it is a minor driver of recommendation ({Ordinal(imp.Rank)} of {imp.AttributeCount}, weight {N(imp.Weight)})";
        return sentence + ".";
    }

    private static string Clause(Signal s, Site site) => (s.Factor, s.Usual) switch
    {
        (TrendFactor t, { When: { } when } usual) =>
            $"it is at {N(t.LastMean)} against {N(usual.Value)} usual for {when} (falling {N(-t.SlopePerHour)} per hour over the last {N(t.WindowHours)} h, z = {N(t.TStatistic)})",
        (ExpectationFactor e, { When: { } when }) =>
            $"it is at {N(e.Observed)} against {N(e.Expected)} usual for {when} (usual range {N(e.Lower)} to {N(e.Upper)})",
        _ => Clause(s.Factor, site),
    };

    private static string Clause(Factor f, Site site) => f switch
    {
        TrendFactor t => $"it fell from {N(t.FirstMean)} to {N(t.LastMean)} ({N(t.SlopePerHour)} per hour over the last {N(t.WindowHours)} h, z = {N(t.TStatistic)})",
        PeerFactor p => $"it is {N(p.PeerMedian - p.SiteValue)} below the median of {p.PeerCount} other sites in {site.RegionId} ({N(p.SiteValue)} against {N(p.PeerMedian)})",
        ExpectationFactor e => $"it is at {N(e.Observed)} where {N(e.Expected)} was expected at this time of day (usual range {N(e.Lower)} to {N(e.Upper)})",
        SocialFactor s => $"it is spreading on social networks: {s.Count} negative mentions of the site in the last {s.SpanMinutes} min (reach {s.Reach.ToString("N0", Invariant)}) where {N(s.Expected)} were expected",
        _ => f.Kind.ToString(),
    };

    private static string N(double v) => double.IsNaN(v) ? "n/a" : v.ToString("0.##", Invariant);

    private static string Ordinal(int n) => (n % 100) switch
    {
        11 or 12 or 13 => $"{n}th",
        _ => (n % 10) switch { 1 => $"{n}st", 2 => $"{n}nd", 3 => $"{n}rd", _ => $"{n}th" },
    };
}
