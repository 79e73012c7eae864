using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Detection.Drift;
using StreamCx.Domain.Tests.Scenarios;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Tests.Detection.Drift;

/// <summary>
/// The slow fall (exponentially weighted averages of the standardised fall over long memories): the evidence it sums,
/// exactly; nothing during the learning days; a two-day ramp starting on a Thursday afternoon at sites of 6 to 30 responses
/// an hour found before 60 % of it (median of seeds 1–5) and no later than without it, sooner at 12 an hour; stable series with daily rhythms and a DST change open nothing.
/// </summary>
public sealed class SlowFallTests
{
    private const string Attr = "waiting-time";
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly double Onset = (3 * 24) + 14; // Thursday 15 Oct, 16:00 Paris

    private static WindowStats HourOf(int n, double mean) => new(n, 0, n * mean, n * mean * mean);

    [Fact]
    public void The_evidence_is_the_weighted_fall_over_its_standard_error()
    {
        // one half-life of an hour: d = 0.5. Two hours of 10 responses at 3.8 and 3.4 against 4.2 (σ 0.8, τ 0.08)
        var settings = new DetectionSettings { SlowFallHalfLives = [TimeSpan.FromHours(1)], SlowFallZ = 1 };
        var slow = new SlowFallEwma(settings);
        var drift = DriftState.Empty with { Reference = 4.2, ReferenceWeight = 500, Variance = 0.64, VarianceWeight = 500, FirstHour = 0 };
        const long hour = 30 * 24;
        slow.Hour(hour, HourOf(10, 3.8), 0, 4, drift);
        slow.Hour(hour + 1, HourOf(10, 3.4), 0, 4, drift);
        var m = 0.64 / ((0.64 / 10) + (0.08 * 0.08));
        var a = (0.5 * m * 0.5) + (m * 1.0);
        var c = (0.25 * m) + m;
        Assert.Equal(a, slow.State.Sums[0], 9);
        Assert.Equal((0.5 * m) + m, slow.State.Weights[0], 9);
        Assert.Equal(c, slow.State.Variances[0], 9);
        var factor = Assert.IsType<TrendFactor>(slow.Evaluate(slow.State, drift, 4)!.Factor);
        Assert.Equal(-a / Math.Sqrt(c), factor.TStatistic, 9);
        Assert.Equal(4.2 - (0.8 * a / ((0.5 * m) + m)), factor.LastMean, 9);
    }

    [Fact]
    public void Nothing_is_fed_during_the_learning_days_or_when_switched_off()
    {
        var drift = DriftState.Empty with { Reference = 4.2, ReferenceWeight = 500, Variance = 0.64, VarianceWeight = 500, FirstHour = 1000 };
        var on = new SlowFallEwma(new DetectionSettings { SlowFallHalfLives = [TimeSpan.FromHours(8)] });
        on.Hour(1000 + 48, HourOf(20, 2.0), 0, 4, drift); // two days after its first hour: still learning
        Assert.Empty(on.State.Sums);
        on.Hour(1000 + 80, HourOf(20, 2.0), 0, 4, drift);
        Assert.NotNull(on.Evaluate(on.State, drift, 4));
        var off = new SlowFallEwma(new DetectionSettings { SlowFallHalfLives = [] });
        off.Hour(1000 + 80, HourOf(20, 2.0), 0, 4, drift);
        Assert.Null(off.Evaluate(off.State, drift, 4));
    }

    [Fact]
    public void Its_settings_are_validated()
    {
        Assert.Empty(new DetectionSettings { SlowFallHalfLives = [] }.Validate());
        Assert.Contains("SlowFallZ must be at least 1, got 0.5", new DetectionSettings { SlowFallZ = 0.5 }.Validate());
        Assert.Contains(new DetectionSettings { SlowFallHalfLives = [TimeSpan.Zero] }.Validate(), e => e.StartsWith("SlowFallHalfLives must be positive", StringComparison.Ordinal));
    }

    private static double HoursToDetect(DetectionSettings settings, int seed, double perHour, double rampHours)
    {
        var alerts = Feedback.Run(
            Feedback.Processor(LocalFeedback.Catalog(Attr, "Europe/Paris"), settings),
            LocalFeedback.Stream("s0", Attr, Paris, 12, perHour, (_, h) => 4.2 - (h < Onset ? 0 : 1.2 * Math.Min(1, (h - Onset) / rampHours)), seed, sd: 0.8));
        Assert.DoesNotContain(alerts, a => (a.RaisedAt - LocalFeedback.Start).TotalHours < Onset);
        return (alerts.First(a => a.Status == AlertStatus.Open).RaisedAt - LocalFeedback.Start).TotalHours - Onset;
    }

    [Theory]
    [InlineData(6)]
    [InlineData(10)]
    [InlineData(12)]
    [InlineData(20)]
    [InlineData(30)]
    public void A_48_hour_ramp_is_found_before_60_percent_and_no_later_than_without_the_slow_fall(double perHour)
    {
        var seeds = new[] { 1, 2, 3, 4, 5 };
        var with = seeds.Select(s => HoursToDetect(new DetectionSettings(), s, perHour, 48)).Order().ToArray();
        var without = seeds.Select(s => HoursToDetect(new DetectionSettings { SlowFallHalfLives = [] }, s, perHour, 48)).Order().ToArray();
        var both = $"with: {string.Join(", ", with.Select(h => h.ToString("0.00")))}; without: {string.Join(", ", without.Select(h => h.ToString("0.00")))}";
        Assert.True(with[2] <= 0.6 * 48, both);
        Assert.True(with.Zip(without).All(p => p.First <= p.Second), both);
    }

    [Fact]
    public void At_12_responses_an_hour_the_slow_fall_finds_the_ramp_an_hour_or_more_sooner()
    {
        // measured: a median of 24.16 h (50 %) against 26.92 h (56 %) without it, seeds 1–5 (at 6, 10, 20 and 30 an hour the
        // medians are the same: the trend spans or the drift accumulators find those first)
        var seeds = new[] { 1, 2, 3, 4, 5 };
        var with = seeds.Select(s => HoursToDetect(new DetectionSettings(), s, 12, 48)).Order().ToArray();
        var without = seeds.Select(s => HoursToDetect(new DetectionSettings { SlowFallHalfLives = [] }, s, 12, 48)).Order().ToArray();
        Assert.True(with[2] <= without[2] - 1, $"with: {string.Join(", ", with.Select(h => h.ToString("0.00")))}; without: {string.Join(", ", without.Select(h => h.ToString("0.00")))}");
    }

    [Theory]
    [InlineData(3)]
    [InlineData(12)]
    [InlineData(45)]
    public void A_stable_series_with_daily_rhythms_and_a_DST_change_opens_nothing(double perHour)
    {
        // a lunch dip (−0.6 at 12–14 h), an evening dip (−0.4 after 19 h) and a slow afternoon sag every day, in local
        // time, over the change of Sunday 25 Oct; 21 days, seeds 1–5
        static double Usual(DateTime local, double _) =>
            4.1 - (local.Hour is 12 or 13 ? 0.6 : 0) - (local.Hour >= 19 ? 0.4 : 0) - (local.Hour >= 15 ? 0.05 * (local.Hour - 15) : 0);
        foreach (var seed in new[] { 1, 2, 3, 4, 5 })
        {
            var alerts = Feedback.Run(
                Feedback.Processor(LocalFeedback.Catalog(Attr, "Europe/Paris")),
                LocalFeedback.Stream("s0", Attr, Paris, 21, perHour, Usual, seed, sd: 0.8));
            Assert.Empty(alerts.Where(a => a.Status == AlertStatus.Open).Select(a => $"{a.RaisedAt:ddd dd HH:mm}: {a.Explanation}"));
        }
    }
}
