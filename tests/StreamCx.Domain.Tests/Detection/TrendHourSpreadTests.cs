using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Detection.Seasonality;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Tests.Detection;

/// <summary>
/// The trend's z counts an hour's wander beyond sampling (<see cref="DetectionSettings.TrendHourSpread"/>): a small fall
/// over hundreds of responses at a busy site is no longer "significant" on sampling alone, while a quiet site's z, whose
/// error is mostly sampling, hardly moves.
/// </summary>
public sealed class TrendHourSpreadTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static readonly DetectionSettings Loose = new()
    {
        TrendScales = [TimeSpan.FromHours(2)],
        TrendZ = 1,
        UnlearnedHourTrendZ = 1,
        MinTrendEffect = 0.001,
        MinTrendRecentCount = 2,
        MinBaselineCount = 2,
    };

    /// <summary>24 h at a mean of 4, then 2 h about 0.2 lower: <paramref name="perBucket"/> responses every 15 minutes.</summary>
    private static double Z(int perBucket, double hourSpread)
    {
        var settings = Loose with { TrendHourSpread = hourSpread };
        var clock = new BucketClock(settings.BucketWidth);
        var ring = new BucketRing(clock, clock.BucketsIn(settings.RingSpan));
        var profile = new SeasonalProfile(settings, new SiteLocalTime(null), 4);
        for (var bucket = 0; bucket < 26 * 4; bucket++)
        {
            var at = T0.AddMinutes(15 * bucket);
            var fallen = bucket >= 24 * 4;
            for (var i = 0; i < perBucket; i++)
            {
                // 3, 4, 5 in turn (mean 4); after the fall one response in five is a point lower (mean 3.8)
                var value = 3 + (i % 3) - (fallen && i % 5 == 0 ? 1 : 0);
                ring.Add(at, value, value <= 2);
            }
        }
        var signal = TrendDetector.Evaluate(ring, ring.Newest, profile, 4, settings);
        Assert.NotNull(signal);
        return ((TrendFactor)signal.Factor).TStatistic;
    }

    [Fact]
    public void A_small_fall_at_a_busy_site_is_not_significant_once_the_hours_wander_is_counted()
    {
        var samplingOnly = Z(perBucket: 120, hourSpread: 0);
        var withWander = Z(perBucket: 120, hourSpread: 0.03);
        Assert.True(samplingOnly < -5.5, $"sampling alone: z = {samplingOnly}");
        Assert.True(withWander > -5.5 && withWander < 0, $"with the hour spread: z = {withWander}");
    }

    [Fact]
    public void A_quiet_site_keeps_almost_all_of_its_z()
    {
        var samplingOnly = Z(perBucket: 3, hourSpread: 0);
        var withWander = Z(perBucket: 3, hourSpread: 0.03);
        Assert.InRange(withWander / samplingOnly, 0.9, 1.0);
    }
}
