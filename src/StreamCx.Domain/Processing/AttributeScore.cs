using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Processing;

/// <summary>
/// A site-attribute's current score: count, mean and % dissatisfied over the score window, and a sparkline of the
/// recent window (the mean of each step, NaN where a step had no response), oldest first, the last step ending with
/// the newest bucket.
/// </summary>
public sealed record AttributeScore(
    string AttributeId,
    WindowStats Window,
    DateTimeOffset? SparklineEnd,
    TimeSpan SparklineStep,
    IReadOnlyList<double> Sparkline)
{
    /// <summary>Reads the score from a site-attribute's bucket ring.</summary>
    /// <param name="window">Span of the score window (e.g. the peer window).</param>
    /// <param name="sparkline">Span and number of points of the sparkline; each step is a whole number of buckets.</param>
    public static AttributeScore From(string attributeId, BucketRing ring, TimeSpan window, SparklineSpec sparkline)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(sparkline);
        var clock = ring.Clock;
        var stepBuckets = Math.Max(1, (int)Math.Round(sparkline.Span.Ticks / (double)sparkline.Points / clock.Width.Ticks));
        var step = clock.Width * stepBuckets;
        if (ring.Newest == long.MinValue) return new AttributeScore(attributeId, default, null, step, []);
        var newest = ring.Newest;
        var stats = ring.Stats(newest - clock.BucketsIn(window) + 1, newest);
        var points = new double[sparkline.Points];
        for (var p = 0; p < points.Length; p++)
        {
            var last = newest - ((long)(points.Length - 1 - p) * stepBuckets);
            points[p] = ring.Stats(last - stepBuckets + 1, last).Mean;
        }
        return new AttributeScore(attributeId, stats, clock.StartOf(newest + 1), step, points);
    }
}

/// <summary>How the sparkline samples the recent window: <see cref="Points"/> steps covering <see cref="Span"/>.</summary>
public sealed record SparklineSpec(TimeSpan Span, int Points)
{
    public static SparklineSpec Default { get; } = new(TimeSpan.FromHours(12), 24);
}
