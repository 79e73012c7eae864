using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;

namespace StreamCx.Domain.Social;

/// <summary>A scope's negative mentions over one recent span against the count their usual rate predicts.</summary>
public sealed record MentionReading(int SpanMinutes, int Count, long Reach, double Expected, double UsualPerBucket, double PValue)
{
    public double Ratio => Expected > 0 ? Count / Expected : double.PositiveInfinity;

    public bool Accelerates(SocialSettings s) => Passes(s.SurgeP, s.MinCount, s.MinRatio);

    /// <summary>At most <paramref name="p"/> likely, at least <paramref name="minCount"/> mentions and <paramref name="minRatio"/> times the usual rate.</summary>
    public bool Passes(double p, int minCount, double minRatio) => PValue <= p && Count >= minCount && Ratio >= minRatio;

    /// <summary>The <c>social</c> factor of this reading, of <paramref name="siteId"/> (null: the brand).</summary>
    public SocialFactor Factor(string? siteId, string? spreading, SocialSettings s) => new(
        siteId, Count, SpanMinutes, Round(Expected), Round(UsualPerBucket * 24 * 60 / s.BucketMinutes), Round(Count * 60.0 / SpanMinutes), Reach,
        Round(Math.Min(Ratio, 1e6)), PValue, spreading);

    private static double Round(double v) => Math.Round(v, 3);
}

/// <summary>
/// The acceleration test on counts (pure): over each span of <see cref="SocialSettings.Spans"/> ending with the current
/// bucket, the scope's negative mentions against the count expected from their own rate over the baseline
/// (<see cref="SocialSettings.BaselineDays"/> before the longest span, from the scope's first mention on; half a mention
/// added so a quiet scope has a small rate, not none); P is the Poisson tail. Every input is a count by bucket of event time.
/// </summary>
public static class SocialAcceleration
{
    public static IReadOnlyList<MentionReading> Evaluate(IMentionCounts series, long bucket, SocialSettings s)
    {
        var spans = s.Spans.Select(m => m / s.BucketMinutes).ToArray();
        var baseTo = bucket - spans.Max();
        var baseFrom = Math.Max(series.FirstBucket ?? bucket, baseTo - (s.BaselineDays * 24L * 60 / s.BucketMinutes) + 1);
        var buckets = baseTo - baseFrom + 1;
        if (buckets * s.BucketMinutes < s.MinBaselineHours * 60L) return [];
        var usual = (series.NegativesIn(baseFrom, baseTo) + 0.5) / buckets;
        var readings = new MentionReading[spans.Length];
        for (var i = 0; i < spans.Length; i++)
        {
            var from = bucket - spans[i] + 1;
            var count = (int)Math.Min(int.MaxValue, series.NegativesIn(from, bucket));
            var expected = usual * spans[i];
            readings[i] = new MentionReading(spans[i] * s.BucketMinutes, count, series.ReachIn(from, bucket), expected, usual, PoissonTail.AtLeast(count, expected));
        }
        return readings;
    }

    public static MentionReading? Acceleration(IReadOnlyList<MentionReading> readings, SocialSettings s) => Strongest(readings, r => r.Accelerates(s));

    /// <summary>The least likely reading that passes, the shortest span first among equals; null when none does.</summary>
    public static MentionReading? Strongest(IReadOnlyList<MentionReading> readings, Func<MentionReading, bool> passes) =>
        readings.Where(passes).OrderBy(r => r.PValue).ThenBy(r => r.SpanMinutes).FirstOrDefault();

    public static bool IsOver(IReadOnlyList<MentionReading> readings, SocialSettings s) => readings.All(r => r.PValue > s.ResolveP);
}
