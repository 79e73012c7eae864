using CsCheck;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Tests.Detection;

/// <summary>
/// Baselines kept between evaluations must give exactly what a fresh evaluation gives, whatever arrives in between:
/// observations in the newest bucket, late ones in old buckets, a newer bucket, or a profile that learns.
/// </summary>
public sealed class TrendBaselinesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    // Low thresholds, so that most evaluations produce a factor whose numbers can be compared.
    private static readonly DetectionSettings Settings = new()
    {
        TrendZ = 1,
        MinTrendRecentCount = 2,
        MinBaselineCount = 2,
        MinTrendEffect = 0,
        BaselineWindow = TimeSpan.FromHours(6),
        MinProfileDays = 1,
    };

    private enum Step
    {
        Newest,
        Late,
        Advance,
        Learn,
    }

    [Fact]
    public void Kept_baselines_give_the_same_signal_as_a_fresh_evaluation()
    {
        var steps = Gen.Select(Gen.Enum<Step>(), Gen.Int[1, 5], Gen.Int[0, 23], (kind, value, hour) => (kind, value, hour)).Array[100, 400];
        var compared = 0;
        steps.Sample(script =>
        {
            var clock = new BucketClock(Settings.BucketWidth);
            var ring = new BucketRing(clock, clock.BucketsIn(Settings.RingSpan));
            var profile = new DailyProfile(Settings.ProfileSmoothing, Settings.MinProfileDays);
            var kept = new TrendBaselines();
            var now = T0.AddHours(8);
            foreach (var (kind, value, hour) in script)
            {
                var at = kind switch
                {
                    Step.Late => now.AddMinutes(-5 * value * 20),
                    Step.Advance => now = now.AddMinutes(value * 7),
                    _ => now,
                };
                if (kind == Step.Learn) profile.Learn(hour, 3 + (value / 10.0));
                else if (ring.Accepts(clock.IndexOf(at)))
                {
                    ring.Add(at, value, value <= 2);
                    kept.Written(clock.IndexOf(at));
                }

                var fresh = TrendDetector.Evaluate(ring, ring.Newest, profile, 4, Settings);
                var reused = TrendDetector.Evaluate(ring, ring.Newest, profile, 4, Settings, kept);
                Assert.Equal(fresh is null, reused is null);
                if (fresh is null) continue;
                Interlocked.Increment(ref compared);
                var (a, b) = ((TrendFactor)fresh.Factor, (TrendFactor)reused!.Factor);
                Assert.Equal(a.TStatistic, b.TStatistic);
                Assert.Equal(a.SlopePerHour, b.SlopePerHour);
                Assert.Equal(a.WindowHours, b.WindowHours);
            }
        });
        Assert.True(compared > 1000, $"only {compared} evaluations produced a factor to compare");
    }
}
