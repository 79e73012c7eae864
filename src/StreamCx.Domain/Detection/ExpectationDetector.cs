using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection.Seasonality;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Detection;

/// <summary>
/// Departure from the usual daily and weekly rhythm in local time: the mean of the recent hours against what the learned profile predicts
/// for those hours, with an interval from the day-to-day variability and the sampling error.
/// The sums over the window's older buckets can be kept between evaluations (<see cref="ExpectationPrefix"/>).
/// </summary>
public static class ExpectationDetector
{
    /// <param name="kept">Sums over the window's older buckets kept from earlier evaluations of the same ring, if any.</param>
    public static Signal? Evaluate(BucketRing ring, long current, SeasonalProfile profile, double range, DetectionSettings s, ExpectationPrefix? kept = null)
    {
        var first = current - ring.Clock.BucketsIn(s.ExpectationWindow) + 1;
        if (kept is null || !kept.TryGet(current, profile.Version, out var sums))
        {
            sums = default;
            var hours = new HourIndexCursor(ring.Clock, first);
            var walk = ring.Walk(first);
            for (var i = first; i < current && !sums.Unlearned; i++)
            {
                ref readonly var b = ref walk.Next(out var filled);
                if (filled) sums = sums.Add(b, hours.HourOf(i), profile);
            }
            kept?.Store(current, profile.Version, sums);
        }
        ref readonly var newest = ref ring.Peek(current, out var newestFilled);
        if (newestFilled) sums = sums.Add(newest, ring.Clock.HourIndex(current), profile);
        if (sums.Unlearned) return null;

        var observed = sums.Observed;
        if (observed.Count < s.MinExpectationCount) return null;
        var n = observed.Count;
        var expected = sums.ExpectedSum / n;
        var floor = s.ProfileSpreadFloor * range;
        var dayVariance = Math.Max(sums.DayVarianceSum / n, floor * floor);
        var se = Math.Sqrt(dayVariance + (observed.Variance / n));
        var z = (observed.Mean - expected) / se;
        var effect = expected - observed.Mean;
        if (z > -s.ExpectationZ || effect < s.MinExpectationEffect * range) return null;
        var half = s.ExpectationZ * se;
        var factor = new ExpectationFactor(expected, expected - half, expected + half, observed.Mean, n);
        return new Signal(factor, Signal.StrengthOf(z, s.ExpectationZ, effect, range), expected)
        {
            Usual = new UsualLevel(expected, profile.PartOfWeek(ring.Clock.HourIndex(current))),
        };
    }
}
