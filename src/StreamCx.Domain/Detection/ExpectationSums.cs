using StreamCx.Domain.Detection.Seasonality;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Detection;

/// <summary>
/// What the expectation detector adds up over its window, bucket by bucket, oldest first: the responses, and the
/// profile's expected mean and day-to-day variance weighted by each bucket's count. <see cref="Unlearned"/> is set once
/// a filled bucket falls in an hour the profile has not learned (the detector then says nothing).
/// <see cref="Add"/> is the one place a bucket is added, so kept and freshly walked sums are the same additions.
/// </summary>
internal readonly record struct ExpectationSums(double ExpectedSum, double DayVarianceSum, WindowStats Observed, bool Unlearned)
{
    /// <param name="b">A filled bucket of the window.</param>
    /// <param name="hour">The bucket's UTC hour (see <see cref="Windows.BucketClock.HourIndex"/>): the profile maps it to local time.</param>
    public ExpectationSums Add(in Bucket b, long hour, SeasonalProfile profile)
    {
        if (Unlearned || !profile.TryExpected(hour, out var expected, out var variance)) return this with { Unlearned = true };
        return new ExpectationSums(
            ExpectedSum + (b.Count * expected),
            DayVarianceSum + (b.Count * variance),
            Observed.Add(b),
            false);
    }
}
