using StreamCx.Domain.Detection;
using StreamCx.Domain.Listening;

namespace StreamCx.Domain.Social;

/// <summary>
/// An irritant already alerting in the surveys whose social mentions start to rise is spreading: while a site-attribute
/// alert is open, the site's negative mentions are tested as the social factor tests them
/// (<see cref="SocialAcceleration"/>), with the lower bar of <see cref="SocialSettings.SpreadingP"/> and
/// <see cref="SocialSettings.SpreadingMinCount"/> (the irritant is known already), and a rise adds a <c>social</c> factor
/// naming the irritant to the alert, which escalates it. Only the buckets closed before the event evaluated are read:
/// every mention in them has reached the site, whether it was replayed in event order or read ahead of the feedback.
/// </summary>
public static class SpreadingEscalation
{
    /// <summary>The social factor for an open alert on <paramref name="irritant"/> at <paramref name="siteId"/> evaluated at <paramref name="at"/>, or null.</summary>
    public static Signal? Evaluate(SiteMentions mentions, string siteId, string irritant, DateTimeOffset at, SocialSettings s)
    {
        if (mentions.FirstBucket is null) return null;
        var bucket = SparseCounts.BucketOf(at, s.BucketWidth) - 1;
        var readings = SocialAcceleration.Evaluate(mentions, bucket, s);
        if (SocialAcceleration.Strongest(readings, r => r.Passes(s.SpreadingP, s.SpreadingMinCount, s.MinRatio)) is not { } rise) return null;
        return new Signal(rise.Factor(siteId, irritant, s), Math.Clamp(0.35 + (0.1 * Math.Log2(Math.Max(1, rise.Ratio))), 0.35, 0.9), double.NaN);
    }
}
