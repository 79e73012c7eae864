using StreamCx.Domain.Contracts;
using StreamCx.Domain.Tests.Scenarios;

namespace StreamCx.Domain.Tests.Detection;

/// <summary>
/// The issue's scenario: 4.3 → 3.0 over 6 hours at 30 responses per hour (integer ratings, spread 0.5), after 4 days of
/// stable noise (the seasonal profile has learned every hour). With TrendZ 4.5 it fired at a median of 2.45 h into the
/// fall, 29 of 30 seeds before 3 h, but opened 3–5 false alerts per 1,000 site-attribute-days on the labelled benchmark;
/// TrendZ 5.5 (calibrated there, perf/results/detection.md) costs about 0.3 h on a ramp (z grows as t^1.5:
/// (5.5/4.5)^(2/3) = 1.14): median 2.78 h, 22 of 30 before 3 h (the expectation factor is sometimes first). A
/// site-attribute whose profile has not learned the hour yet asks z ≥ 7 (UnlearnedHourTrendZ, 6 before the drift evidence
/// read the open hours: 7 halves the benchmark's false opens of the learning days): the same fall after only 2 days is
/// seen later, at a median of about 3.35 h (3.0 h with 6).
/// </summary>
public class TrendScenarioTests
{
    private static readonly string[] Attr = ["waiting-time"];
    private const double FallStartsAtHour = 96;
    private const double Spread = 0.5;

    private static double Falling(string _, double h) =>
        h < FallStartsAtHour ? 4.3 : Math.Max(3.0, 4.3 - (1.3 * (h - FallStartsAtHour) / 6));

    private static List<Alert> RunFall(int seed) =>
        Feedback.Run(Feedback.Processor(Feedback.Catalog([1], Attr)),
            Feedback.Stream("r0-s0", TimeSpan.FromHours(FallStartsAtHour + 8), 30, Falling, Attr, seed, sd: Spread));

    [Fact]
    public void A_steady_fall_raises_a_trend_alert_during_the_fall_and_before_it_is_half_done_for_at_least_27_of_30_seeds()
    {
        var hoursIntoFall = Enumerable.Range(1, 30).Select(seed =>
        {
            var open = Assert.Single(RunFall(seed), a => a.Status == AlertStatus.Open);
            // with every hour learned, the break from the usual level (expectation) may be seen first
            Assert.Contains(open.Factors, f => f is TrendFactor or ExpectationFactor);
            return Feedback.HoursAfterStart(open) - FallStartsAtHour;
        }).Order().ToArray();

        Assert.All(hoursIntoFall, h => Assert.InRange(h, 0, 6));
        Assert.True(hoursIntoFall[15] < 3.0, $"median {hoursIntoFall[15]:0.00} h");
        Assert.True(hoursIntoFall.Count(h => h < 3.0) >= 22, string.Join(", ", hoursIntoFall.Select(h => h.ToString("0.00"))));
    }

    [Fact]
    public void The_trend_factor_carries_its_numbers()
    {
        var open = RunFall(1).First(a => a.Factors.Any(f => f is TrendFactor));
        var trend = open.Factors.OfType<TrendFactor>().Single();

        Assert.True(trend.SlopePerHour < 0, $"slope {trend.SlopePerHour}");
        Assert.True(trend.TStatistic <= -4.5);
        Assert.InRange(trend.FirstMean, 4.1, 4.5);
        Assert.True(trend.LastMean < trend.FirstMean - 0.2);
        Assert.True(trend.SampleSize >= 30);
        Assert.Matches(@"it is at 3\.\d+ against 4\.\d+ usual for a (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) ", open.Explanation);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    public void Stable_noise_over_seven_days_raises_no_alert(int seed)
    {
        var events = Feedback.Stream("r0-s0", TimeSpan.FromDays(7), 30, (_, _) => 4.3, Attr, seed, sd: Spread);

        Assert.Empty(Feedback.Run(Feedback.Processor(Feedback.Catalog([1], Attr)), events));
    }

    [Fact]
    public void A_rise_is_not_an_irritant()
    {
        var events = Feedback.Stream("r0-s0", TimeSpan.FromHours(56), 30, (_, h) => h < 48 ? 3.2 : Math.Min(4.5, 3.2 + ((h - 48) * 0.25)), Attr, 7, sd: Spread);

        Assert.Empty(Feedback.Run(Feedback.Processor(Feedback.Catalog([1], Attr)), events));
    }
}
