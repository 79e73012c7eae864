using StreamCx.Domain.Contracts;
using StreamCx.Domain.Tests.Scenarios;

namespace StreamCx.Domain.Tests.Detection;

public class ExpectationScenarioTests
{
    private static readonly string[] Attr = ["waiting-time"];
    private const int BreakDay = 8;

    /// <summary>Waiting time is good all day but usually dips over the lunch rush (11:00-14:00 UTC).</summary>
    private static double Rhythm(double h)
    {
        var hourOfDay = h % 24;
        return hourOfDay is >= 11 and < 14 ? 3.5 : 4.4;
    }

    private static List<Alert> Run(Func<double, double> mean, int days, int seed) =>
        Feedback.Run(Feedback.Processor(Feedback.Catalog([1], Attr)),
            Feedback.Stream("r0-s0", TimeSpan.FromDays(days), 30, (_, h) => mean(h), Attr, seed, sd: 0.5));

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    public void The_usual_daily_rhythm_raises_no_expectation_alert(int seed)
    {
        var alerts = Run(Rhythm, days: 9, seed);

        Assert.DoesNotContain(alerts, a => a.Factors.Any(f => f is ExpectationFactor));
        // Once the rhythm is learned (3 days), the lunch dip is not even a trend.
        Assert.DoesNotContain(alerts, a => a.Status == AlertStatus.Open && Feedback.HoursAfterStart(a) >= 4 * 24);
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    public void A_break_from_the_daily_rhythm_raises_an_expectation_alert(int seed)
    {
        // On day 8 the morning (08:00-11:00), usually 4.4, sits at the lunch level 3.5.
        double Broken(double h) => h >= (BreakDay * 24) + 8 && h < (BreakDay * 24) + 11 ? 3.5 : Rhythm(h);

        var alerts = Run(Broken, days: BreakDay + 1, seed);

        static bool InBreak(Alert a) => Feedback.HoursAfterStart(a) is >= (BreakDay * 24) + 8 and < (BreakDay * 24) + 11;
        var open = Assert.Single(alerts, a => a.Status == AlertStatus.Open && InBreak(a));
        var withExpectation = alerts.First(a => a.AlertId == open.AlertId && a.Factors.Any(f => f is ExpectationFactor));
        Assert.True(InBreak(withExpectation), "the expectation factor holds while the rhythm is broken");
        var expectation = withExpectation.Factors.OfType<ExpectationFactor>().Single();
        Assert.InRange(expectation.Expected, 4.2, 4.6);
        Assert.True(expectation.Observed < expectation.Lower);
        // day 8 from Monday 2 March is Tuesday 10 March; 08:00-11:00 at offset +00:00
        Assert.Contains("against 4.", withExpectation.Explanation);
        Assert.Contains("usual for a Tuesday morning", withExpectation.Explanation);
    }
}
