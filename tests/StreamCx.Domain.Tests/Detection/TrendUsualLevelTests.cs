using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Detection.Seasonality;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Tests.Detection;

/// <summary>
/// A trend's fall is measured from the baseline or the usual level, whichever is lower
/// (<see cref="DetectionSettings.TrendFromUsualLevel"/>): after a day better than the profile expects, a return to the
/// usual level is not a fall; a fall below the usual level still is.
/// </summary>
public sealed class TrendUsualLevelTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 5, 0, 0, 0, TimeSpan.Zero);

    private static readonly DetectionSettings Settings = new() { TrendScales = [TimeSpan.FromHours(2)] };

    /// <summary>
    /// A profile that learned a usual level of 4 at every hour over three days, then 24 h at 4.5 (3 responses in 4 at 5),
    /// then 2 h of <paramref name="recent"/> in turn; 16 responses every 15 minutes.
    /// </summary>
    private static Signal? Trend(bool fromUsualLevel, int[] recent)
    {
        var settings = Settings with { TrendFromUsualLevel = fromUsualLevel };
        var clock = new BucketClock(settings.BucketWidth);
        var ring = new BucketRing(clock, clock.BucketsIn(settings.RingSpan));
        var profile = new SeasonalProfile(settings, new SiteLocalTime(null), 4);
        var firstHour = clock.HourIndex(clock.IndexOf(T0));
        for (var hour = firstHour - (3 * 24); hour < firstHour; hour++) profile.Learn(hour, 4.0);
        for (var bucket = 0; bucket < 26 * 4; bucket++)
        {
            var at = T0.AddMinutes(15 * bucket);
            for (var i = 0; i < 16; i++)
            {
                var value = bucket < 24 * 4 ? (i % 4 == 0 ? 3 : 5) : recent[i % recent.Length];
                ring.Add(at, value, value <= 2);
            }
        }
        return TrendDetector.Evaluate(ring, ring.Newest, profile, 4, settings);
    }

    [Fact]
    public void A_return_to_the_usual_level_after_a_better_day_is_not_a_fall()
    {
        int[] usual = [3, 4, 5];
        Assert.NotNull(Trend(fromUsualLevel: false, usual));
        Assert.Null(Trend(fromUsualLevel: true, usual));
    }

    [Fact]
    public void A_fall_below_the_usual_level_is_still_a_fall()
    {
        var signal = Trend(fromUsualLevel: true, [2, 3, 3, 4]);
        Assert.NotNull(signal);
        Assert.True(((TrendFactor)signal.Factor).TStatistic <= -5.5);
    }
}
