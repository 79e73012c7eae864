using StreamCx.Domain.Detection;

namespace StreamCx.Domain.Complaints;

/// <summary>A reason's count at a site over one recent span, against the count its usual rate predicts.</summary>
public sealed record SurgeReading(int SpanHours, int Count, double Expected, double OwnPerHour, double? PeersPerHour, int PeerCount, double PValue)
{
    public double Ratio => Expected > 0 ? Count / Expected : double.PositiveInfinity;

    public bool IsSurge(ComplaintSettings s) => PValue <= s.SurgeP && Count >= s.MinCount && Ratio >= s.MinRatio;
}

/// <summary>
/// The surge test on counts (pure): over each span of <see cref="ComplaintSettings.Spans"/> ending with the current
/// hour, the site's count of a reason against the count expected from the larger of its own rate and its peers' median
/// rate, both measured over the same baseline (<see cref="ComplaintSettings.BaselineDays"/> before the longest span, from
/// the region's first complaint on), with half a complaint added to every baseline so a reason never seen has a small
/// rate, not none. P is the Poisson tail of the count. Every input is a count by hour of event time.
/// </summary>
public static class ComplaintSurge
{
    /// <returns>One reading per span, or none while the baseline covers fewer than <see cref="ComplaintSettings.MinBaselineHours"/>.</returns>
    public static IReadOnlyList<SurgeReading> Evaluate(
        SiteComplaints site, string reasonId, long hour, IEnumerable<SiteComplaints> peers, long coverageStart, ComplaintSettings s)
    {
        var baseTo = hour - s.LongestSpan;
        var baseFrom = Math.Max(coverageStart, baseTo - (s.BaselineDays * 24L) + 1);
        var hours = baseTo - baseFrom + 1;
        if (hours < s.MinBaselineHours) return [];
        var own = (site.Count(reasonId, baseFrom, baseTo) + 0.5) / hours;
        var peerRates = peers.Select(p => (p.Count(reasonId, baseFrom, baseTo) + 0.5) / hours).Order().ToArray();
        double? peerRate = peerRates.Length >= s.MinPeers ? Median(peerRates) : null;
        var rate = Math.Max(own, peerRate ?? 0);
        var readings = new SurgeReading[s.Spans.Count];
        for (var i = 0; i < readings.Length; i++)
        {
            var span = s.Spans[i];
            var count = (int)Math.Min(int.MaxValue, site.Count(reasonId, hour - span + 1, hour));
            var expected = rate * span;
            readings[i] = new SurgeReading(span, count, expected, own, peerRate, peerRates.Length, PoissonTail.AtLeast(count, expected));
        }
        return readings;
    }

    /// <summary>The most surprising span that makes a surge, if any.</summary>
    public static SurgeReading? Surge(IReadOnlyList<SurgeReading> readings, ComplaintSettings s) =>
        readings.Where(r => r.IsSurge(s)).OrderBy(r => r.PValue).ThenByDescending(r => r.SpanHours).FirstOrDefault();

    /// <summary>True when no span is even mildly surprising any more (<see cref="ComplaintSettings.ResolveP"/>).</summary>
    public static bool IsOver(IReadOnlyList<SurgeReading> readings, ComplaintSettings s) => readings.All(r => r.PValue > s.ResolveP);

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}
