using CsCheck;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Detection.Drift;
using StreamCx.Domain.Detection.Seasonality;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Tests.Detection;

/// <summary>
/// Sums kept between evaluations (the trend spans' older buckets, the expectation window's older buckets, the trend
/// baselines, the recent step test's evidence for the onsets before the current hour, the slow fall's state through the open hours before the current one) must give exactly — bit for bit — the signal a fresh evaluation gives, whatever arrives in between:
/// observations in the newest bucket, late ones in old buckets, a newer bucket, a profile that learns, a drift reference
/// that moves, or a restore.
/// (It replaces the earlier TrendBaselinesTests, which checked the kept baselines alone on the same kind of script.)
/// </summary>
public sealed class KeptDetectorSumsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    // Low thresholds, so that most evaluations produce a factor whose numbers can be compared.
    private static readonly DetectionSettings Settings = new()
    {
        TrendZ = 1,
        MinTrendRecentCount = 2,
        MinBaselineCount = 2,
        MinTrendEffect = 0,
        TrendHourSpread = 0.03, // the hours' squared weights are kept too
        BaselineWindow = TimeSpan.FromHours(6),
        MinProfileDays = 1,
        MinExpectationCount = 2,
        ExpectationZ = 1,
        MinExpectationEffect = 0,
        StepAllowance = 0.1,
        StepThreshold = 1,
        StepMinCount = 2,
        SlowFallZ = 1,
    };

    private enum Step
    {
        Newest,
        Newest2,
        Newest3,
        Late,
        Advance,
        Learn,
        Restore,
        Reference,
    }

    [Fact]
    public void Kept_sums_give_the_same_signals_as_a_fresh_evaluation()
    {
        var steps = Gen.Select(Gen.Enum<Step>(), Gen.Int[1, 5], Gen.Int[0, 23], (kind, value, hour) => (kind, value, hour)).Array[100, 400];
        int trends = 0, expectations = 0, unlearned = 0, recentSteps = 0, slowFalls = 0;
        steps.Sample(script =>
        {
            var clock = new BucketClock(Settings.BucketWidth);
            var ring = new BucketRing(clock, clock.BucketsIn(Settings.RingSpan));
            var profile = new SeasonalProfile(Settings, new SiteLocalTime(null), 4);
            var keptTrend = new TrendBaselines();
            var keptExpectation = new ExpectationPrefix();
            var keptStep = new RecentStepSums();
            var slowFall = new SlowFallEwma(Settings);
            var keptSlowFall = new OpenHoursSlowFall();
            var reference = DriftState.Empty with { Reference = 3.5, ReferenceWeight = 100, Variance = 1, VarianceWeight = 100, FirstHour = clock.HourIndex(clock.IndexOf(T0)) - 48 };
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
                else if (kind == Step.Reference) reference = hour % 2 == 0 ? reference with { Reference = 3 + (value / 4.0) } : reference with { Variance = 0.5 + (hour / 23.0) };
                else if (kind == Step.Restore)
                {
                    // another state at the same newest bucket, as after a restore from a snapshot: one bucket left out
                    var restored = new BucketRing(clock, ring.Capacity);
                    restored.Restore(ring.Filled().Where(b => b.Index == ring.Newest || b.Index % 5 != value));
                    ring = restored;
                    keptTrend.Clear();
                    keptExpectation.Clear();
                    keptStep.Clear();
                    keptSlowFall.Clear();
                }
                else if (ring.Accepts(clock.IndexOf(at)))
                {
                    ring.Add(at, value, value <= 2);
                    keptTrend.Written(clock.IndexOf(at));
                    keptExpectation.Written(clock.IndexOf(at));
                    keptStep.Written(clock.IndexOf(at));
                    keptSlowFall.Written(clock.HourIndex(clock.IndexOf(at)));
                }

                var freshTrend = TrendDetector.Evaluate(ring, ring.Newest, profile, 4, Settings);
                var keptTrendSignal = TrendDetector.Evaluate(ring, ring.Newest, profile, 4, Settings, keptTrend);
                Assert.Equal(freshTrend, keptTrendSignal);
                if (freshTrend is not null) Interlocked.Increment(ref trends);

                var freshExpectation = ExpectationDetector.Evaluate(ring, ring.Newest, profile, 4, Settings);
                var keptExpectationSignal = ExpectationDetector.Evaluate(ring, ring.Newest, profile, 4, Settings, keptExpectation);
                Assert.Equal(freshExpectation, keptExpectationSignal);
                if (freshExpectation is not null) Interlocked.Increment(ref expectations);
                else Interlocked.Increment(ref unlearned);

                var freshStep = RecentStepCusum.Evaluate(ring, ring.Newest, profile, reference, 4, Settings);
                var keptStepSignal = RecentStepCusum.Evaluate(ring, ring.Newest, profile, reference, 4, Settings, keptStep);
                Assert.Equal(freshStep, keptStepSignal);
                if (freshStep is not null) Interlocked.Increment(ref recentSteps);

                // the slow fall through the open hours: the closed hours learned up to two hours before the newest
                var learnedThrough = clock.HourIndex(ring.Newest) - 2;
                var freshSlow = new OpenHoursSlowFall().Read(slowFall, reference, ring, ring.Newest, learnedThrough, profile, 4);
                var keptSlow = keptSlowFall.Read(slowFall, reference, ring, ring.Newest, learnedThrough, profile, 4);
                Assert.Equal(freshSlow, keptSlow);
                var freshSlowSignal = slowFall.Evaluate(freshSlow, reference, 4);
                Assert.Equal(freshSlowSignal, slowFall.Evaluate(keptSlow, reference, 4));
                if (freshSlowSignal is not null) Interlocked.Increment(ref slowFalls);
            }
        }, iter: 200); // about 20 ms a run: twice the default 100 scripts for about 2 s more
        Assert.True(trends > 1000, $"only {trends} evaluations produced a trend factor to compare");
        Assert.True(expectations > 1000, $"only {expectations} evaluations produced an expectation factor to compare");
        Assert.True(unlearned > 100, $"only {unlearned} expectation evaluations said nothing");
        Assert.True(recentSteps > 1000, $"only {recentSteps} evaluations produced a recent step to compare");
        Assert.True(slowFalls > 1000, $"only {slowFalls} evaluations produced a slow fall to compare");
    }
}
