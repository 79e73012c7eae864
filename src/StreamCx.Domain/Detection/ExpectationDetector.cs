using StreamCx.Domain.Contracts;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Detection;

/// <summary>
/// Departure from the usual daily rhythm: the mean of the recent hours against what the learned profile predicts
/// for those hours, with an interval from the day-to-day variability and the sampling error.
/// </summary>
public static class ExpectationDetector
{
    public static Signal? Evaluate(BucketRing ring, long current, DailyProfile profile, double range, DetectionSettings s)
    {
        var first = current - ring.Clock.BucketsIn(s.ExpectationWindow) + 1;
        double expectedSum = 0, dayVarSum = 0;
        var observed = default(WindowStats);
        var hours = new HourCursor(ring.Clock, first);
        for (var i = first; i <= current; i++)
        {
            ref readonly var b = ref ring.Peek(i, out var filled);
            if (!filled) continue;
            var hour = hours.HourOf(i);
            if (!profile.IsLearned(hour)) return null;
            expectedSum += b.Count * profile.Mean(hour);
            dayVarSum += b.Count * profile.DayToDayVariance(hour);
            observed = observed.Add(b);
        }
        if (observed.Count < s.MinExpectationCount) return null;
        var n = observed.Count;
        var expected = expectedSum / n;
        var floor = s.ProfileSpreadFloor * range;
        var dayVariance = Math.Max(dayVarSum / n, floor * floor);
        var se = Math.Sqrt(dayVariance + (observed.Variance / n));
        var z = (observed.Mean - expected) / se;
        var effect = expected - observed.Mean;
        if (z > -s.ExpectationZ || effect < s.MinExpectationEffect * range) return null;
        var half = s.ExpectationZ * se;
        var factor = new ExpectationFactor(expected, expected - half, expected + half, observed.Mean, n);
        return new Signal(factor, Signal.StrengthOf(z, s.ExpectationZ, effect, range), expected);
    }
}
