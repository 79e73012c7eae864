using StreamCx.Domain.Contracts;
using StreamCx.Domain.Journeys;
using static StreamCx.Domain.Tests.Journeys.JourneyEvents;

namespace StreamCx.Domain.Tests.Journeys;

/// <summary>The watermelon detector: red journeys behind green interactions, with the default <see cref="JourneySettings"/>.</summary>
public sealed class WatermelonTests
{
    /// <summary>4 contacts over 31 days across 3 departments, each rated 5/5; then a journey NPS of 2, then a churn.</summary>
    private static object[] NetworkJourney() =>
    [
        Contact("c1", "jrn-1", Start, "support", 5),
        Contact("c2", "jrn-1", Start.AddDays(10), "field-service", 5),
        Contact("c3", "jrn-1", Start.AddDays(20), "central-support", 5),
        Contact("c4", "jrn-1", Start.AddDays(31), "support", 5),
        JourneySurvey("s1", "jrn-1", Start.AddDays(31).AddHours(2), nps: 2),
        CustomerChurn("churn-1", Start.AddDays(33)),
    ];

    [Fact]
    public void Well_rated_journey_across_three_departments_raises_a_watermelon_alert_before_the_churn_and_links_the_churn()
    {
        var alerts = Run(Processor(), NetworkJourney());

        var open = alerts[0];
        Assert.Equal(AlertStatus.Open, open.Status);
        Assert.Equal(Start.AddDays(20), open.RaisedAt); // the third department: the first moment a rule says red
        Assert.Equal(["too-many-departments"], Watermelon(open).RedRules);
        Assert.False(Watermelon(open).Churn);
        Assert.All(alerts, a => Assert.Equal(open.AlertId, a.AlertId));
        Assert.All(alerts.Where(a => a.RaisedAt < Start.AddDays(33)), a => Assert.False(Watermelon(a).Churn));

        var last = alerts[^1];
        var f = Watermelon(last);
        Assert.Equal(AlertStatus.Updated, last.Status);
        Assert.Equal(Start.AddDays(33), last.RaisedAt);
        Assert.True(f.Churn);
        Assert.Equal("churn-1", f.ChurnEventId);
        Assert.Equal(("jrn-1", "cus-1", 4, 3), (f.JourneyId, f.CustomerId, f.Contacts, f.Departments));
        Assert.Equal(10, f.MeanInteractionScore);
        Assert.Equal(2, f.JourneyScore);
        Assert.Equal(33, f.DaysOpen);
        Assert.Null(f.Outcome);
        Assert.Equal(["too-long", "too-many-contacts", "too-many-departments", "low-journey-score", "churn"], f.RedRules);
        Assert.Equal(["interaction", "interaction", "interaction", "interaction", "journey-survey", "churn"], f.Timeline.Select(s => s.Kind));
        Assert.Equal(AlertIdsOf(alerts).Count, alerts.Count); // one emission per sequence number
    }

    [Fact]
    public void The_alert_is_updated_when_the_journey_passes_its_open_duration_even_without_an_event()
    {
        var alerts = Run(Processor(), NetworkJourney());

        var tooLong = alerts.First(a => Watermelon(a).RedRules.Contains("too-long"));
        Assert.Equal(AlertStatus.Updated, tooLong.Status);
        Assert.Equal(["too-long", "too-many-departments"], Watermelon(tooLong).RedRules);
        Assert.Equal(Start.AddDays(30).AddTicks(1), tooLong.RaisedAt);
    }

    [Fact]
    public void Journey_resolved_at_the_first_contact_raises_nothing_and_is_not_red()
    {
        var p = Processor();

        var alerts = Run(p, [Contact("c1", "jrn-2", Start, "support", 5), Closed("x1", "jrn-2", Start.AddHours(1), JourneyOutcome.Resolved)]);

        Assert.Empty(alerts);
        var j = p.Journeys.Find("jrn-2")!;
        Assert.Equal(RedRule.None, RedRules.Evaluate(j, Start.AddHours(1).UtcTicks, new JourneySettings()));
    }

    [Fact]
    public void Long_journey_with_poor_interaction_scores_is_red_but_not_a_watermelon()
    {
        var p = Processor();
        var settings = new JourneySettings();

        var alerts = Run(p,
        [
            Contact("c1", "jrn-3", Start, "support", 2),
            Contact("c2", "jrn-3", Start.AddDays(20), "support", 1),
            Contact("c3", "jrn-3", Start.AddDays(35), "support", 2),
        ]);

        var j = p.Journeys.Find("jrn-3")!;
        var rules = RedRules.Evaluate(j, Start.AddDays(35).UtcTicks, settings);
        Assert.Equal(RedRule.TooLong, rules);
        Assert.False(RedRules.IsWatermelon(j, rules, settings));
        Assert.Empty(alerts);
    }

    [Fact]
    public void Closing_the_journey_resolved_resolves_its_alert()
    {
        var alerts = Run(Processor(), [.. NetworkJourney().Take(3), Closed("x1", "jrn-1", Start.AddDays(25), JourneyOutcome.Resolved)]);

        Assert.Equal([AlertStatus.Open, AlertStatus.Resolved], alerts.Select(a => a.Status));
        Assert.Contains("closed resolved", alerts[1].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_reason_three_times_makes_a_well_rated_journey_a_watermelon()
    {
        var alerts = Run(Processor(),
        [
            Contact("c1", "jrn-4", Start, "support", 5),
            Step("s1", "jrn-4", Start.AddDays(1), "support", "no-network"),
            Step("s2", "jrn-4", Start.AddDays(2), "support", "no-network"),
            Step("s3", "jrn-4", Start.AddDays(3), "support", "no-network"),
        ]);

        var open = Assert.Single(alerts);
        Assert.Equal(Start.AddDays(3), open.RaisedAt);
        Assert.Contains("repeated-reason", Watermelon(open).RedRules);
    }

    [Fact]
    public void Churn_does_not_link_to_a_journey_closed_resolved()
    {
        var p = Processor();

        var alerts = Run(p,
        [
            Contact("c1", "jrn-5", Start, "support", 5),
            Closed("x1", "jrn-5", Start.AddHours(2), JourneyOutcome.Resolved),
            CustomerChurn("churn-1", Start.AddDays(5)),
        ]);

        Assert.Empty(alerts);
        Assert.Null(p.Journeys.Find("jrn-5")!.ChurnEventId);
    }

    private static HashSet<(string, int)> AlertIdsOf(List<Alert> alerts) => [.. alerts.Select(a => (a.AlertId, a.Sequence))];
}
