using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Detection.Drift;
using StreamCx.Domain.Tests.Scenarios;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Tests.Detection.Drift;

/// <summary>
/// The drift evidence is read through the hours not closed yet (a sparse site's step is seen without waiting for the
/// hour's end and the lateness allowance), and nothing accumulates during the site-attribute's learning days.
/// </summary>
public sealed class DriftEvidenceTests
{
    private const string Attr = "waiting-time";
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly double Onset = (6 * 24) + 9; // Sunday 18 Oct, 11:00 Paris

    private static double HoursToDetect(DetectionSettings settings, int seed)
    {
        var alerts = Feedback.Run(
            Feedback.Processor(LocalFeedback.Catalog(Attr, "Europe/Paris"), settings),
            LocalFeedback.Stream("s0", Attr, Paris, 12, 2, (_, h) => h >= Onset ? 2.6 : 4.2, seed, sd: 0.8));
        return (alerts.First(a => a.Status == AlertStatus.Open).RaisedAt - LocalFeedback.Start).TotalHours - Onset;
    }

    [Fact]
    public void Reading_the_open_hours_detects_a_sparse_step_earlier()
    {
        var seeds = new[] { 1, 2, 3, 4, 5 };
        var open = seeds.Select(s => HoursToDetect(new DetectionSettings(), s)).Order().ToArray();
        var closed = seeds.Select(s => HoursToDetect(new DetectionSettings { DriftReadsOpenHours = false }, s)).Order().ToArray();
        Assert.True(open[2] <= closed[2] - 0.5, $"open hours: {string.Join(", ", open)}; closed hours only: {string.Join(", ", closed)}");
    }

    [Fact]
    public void No_evidence_accumulates_during_the_learning_days_and_a_fall_after_them_does()
    {
        var settings = new DetectionSettings();
        var drift = new DriftAccumulator(settings);
        var rnd = new Random(3);
        WindowStats HourOf(double mean)
        {
            var stats = default(WindowStats);
            for (var i = 0; i < 20; i++)
            {
                var v = mean + (0.8 * (rnd.NextDouble() - 0.5) * 3.4);
                stats = new WindowStats(stats.Count + 1, stats.Dissatisfied, stats.Sum + v, stats.SumSquares + (v * v));
            }
            return stats;
        }
        const long first = 500_000;
        var learningHours = settings.MinProfileDays * 24;
        for (var h = 0; h < learningHours; h++)
        {
            drift.Hour(first + h, HourOf(h >= 12 ? 3.0 : 4.2), 0, 4); // a fall of 1.2 after 12 h: still the learning days
            Assert.Equal(0, drift.State.Evidence);
        }
        for (var h = learningHours; h < learningHours + 6; h++) drift.Hour(first + h, HourOf(1.8), 0, 4);
        Assert.True(drift.State.Evidence > 0);
    }
}

/// <summary>
/// The slow drift accumulator (a smaller allowance, a higher threshold; on by default) catches a ramp spread over two days
/// earlier than the main one alone, with nothing before the onset.
/// </summary>
public sealed class SlowDriftTests
{
    private const string Attr = "waiting-time";
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly double Onset = (6 * 24) + 9;

    private static double HoursToDetect(DetectionSettings settings, int seed)
    {
        var alerts = Feedback.Run(
            Feedback.Processor(LocalFeedback.Catalog(Attr, "Europe/Paris"), settings),
            LocalFeedback.Stream("s0", Attr, Paris, 12, 12, (_, h) => 4.2 - (h < Onset ? 0 : 1.2 * Math.Min(1, (h - Onset) / 48)), seed, sd: 0.8));
        Assert.DoesNotContain(alerts, a => (a.RaisedAt - LocalFeedback.Start).TotalHours < Onset);
        return (alerts.First(a => a.Status == AlertStatus.Open).RaisedAt - LocalFeedback.Start).TotalHours - Onset;
    }

    [Fact]
    public void A_48_hour_ramp_is_caught_earlier_with_the_slow_accumulator_which_is_on_by_default()
    {
        var seeds = new[] { 1, 2, 3, 4, 5 };
        var with = seeds.Select(s => HoursToDetect(new DetectionSettings(), s)).Order().ToArray();
        var without = seeds.Select(s => HoursToDetect(new DetectionSettings { SlowDriftAllowance = 0 }, s)).Order().ToArray();
        Assert.True(with[2] < without[2], $"with: {string.Join(", ", with)}; without: {string.Join(", ", without)}");
        Assert.True(with.Zip(without).All(p => p.First <= p.Second), $"with: {string.Join(", ", with)}; without: {string.Join(", ", without)}");
    }
}
