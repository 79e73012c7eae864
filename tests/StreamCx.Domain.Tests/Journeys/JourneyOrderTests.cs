using StreamCx.Domain.Contracts;
using StreamCx.Domain.Journeys;
using static StreamCx.Domain.Tests.Journeys.JourneyEvents;

namespace StreamCx.Domain.Tests.Journeys;

/// <summary>Events of a journey out of order within the allowed lateness give what they give in order; retention drops journeys.</summary>
public sealed class JourneyOrderTests
{
    /// <summary>A watermelon journey whose events come in bursts of a few minutes (a call, its ticket, its survey), then a churn.</summary>
    private static List<object> Bursty()
    {
        var list = new List<object>();
        string[] departments = ["support", "field-service", "central-support", "support"];
        for (var day = 0; day < 4; day++)
        {
            var at = Start.AddDays(day * 10);
            list.Add(Step($"s{day}", "jrn-9", at, departments[day], "no-network"));
            list.Add(Contact($"c{day}", "jrn-9", at.AddMinutes(20), departments[day], 5));
            list.Add(Contact($"a{day}", "jrn-8", at.AddMinutes(25), "sales", 5, customerId: "cus-1"));
        }
        list.Add(JourneySurvey("j1", "jrn-9", Start.AddDays(31), nps: 2));
        list.Add(Closed("x1", "jrn-8", Start.AddDays(31).AddMinutes(10), JourneyOutcome.Abandoned));
        list.Add(CustomerChurn("churn-1", Start.AddDays(31).AddMinutes(40)));
        return list;
    }

    private static DateTimeOffset TimeOf(object m) => m switch
    {
        FeedbackEvent e => e.OccurredAt,
        JourneySignal s => s.OccurredAt,
        _ => throw new ArgumentException("not a message", nameof(m)),
    };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Shuffled_within_the_allowed_lateness_gives_the_same_alerts_as_in_order(int seed)
    {
        var inOrder = Bursty();
        var rnd = new Random(seed);
        // each message delayed by less than the lateness (1 h), delivered by arrival time; steps, first of their burst,
        // are delayed most so that they always come after the surveys that follow them
        var shuffled = inOrder.Select(m => (Message: m, Arrival: TimeOf(m).AddMinutes(m is JourneyStep ? rnd.Next(45, 59) : rnd.Next(0, 20)), Tie: rnd.Next()))
            .OrderBy(x => x.Arrival).ThenBy(x => x.Tie).Select(x => x.Message).ToList();
        Assert.NotEqual(inOrder, shuffled);

        var expected = Run(Processor(), inOrder).Select(ContractJson.Serialize).ToList();
        var actual = Run(Processor(), shuffled).Select(ContractJson.Serialize).ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void A_message_later_than_the_allowed_lateness_is_applied_on_arrival_and_counted_late()
    {
        var p = Processor();

        Run(p, [Contact("c2", "jrn-1", Start.AddDays(2), "support", 5), Contact("c1", "jrn-1", Start, "support", 5)]);

        Assert.Equal(1, p.Counters.Late);
        Assert.Equal(2, p.Journeys.Find("jrn-1")!.Contacts);
        Assert.Equal(Start.UtcTicks, p.Journeys.Find("jrn-1")!.OpenedTicks);
    }

    [Fact]
    public void A_message_exactly_the_allowed_lateness_behind_the_newest_is_in_time_and_so_are_its_ties()
    {
        var p = Processor(); // 1 h of lateness

        p.Process(Contact("c2", "jrn-1", Start, "support", 5));
        p.Process(Contact("c3", "jrn-2", Start.AddHours(1), "sales", 4));
        Assert.Equal(0, p.Counters.Applied); // c2 is the lateness behind: another at its time may still come
        p.Process(Contact("c1", "jrn-1", Start, "support", 3)); // it does (before c2 in event order)
        Assert.Equal(0, p.Counters.Late);

        p.Process(Contact("c4", "jrn-2", Start.AddHours(1).AddTicks(1), "sales", 4));
        Assert.Equal(2, p.Counters.Applied); // c1 then c2, now more than the lateness behind
        p.Process(Contact("c0", "jrn-1", Start, "support", 3)); // now behind what was applied
        Assert.Equal((3, 1), (p.Counters.Applied, p.Counters.Late));
    }

    [Fact]
    public void Following_the_frontier_a_message_at_it_is_behind_it_for_every_event_at_its_time_was_applied()
    {
        var p = Processor(followsFrontier: true);

        p.Process(Contact("c2", "jrn-1", Start, "support", 5));
        p.Advance(Start); // every input has delivered everything up to Start, at Start too
        Assert.Equal(1, p.Counters.Applied);
        p.Process(Contact("c1", "jrn-1", Start, "support", 3)); // a copy re-read, or a message its input delivered behind its time

        Assert.Equal((2, 1), (p.Counters.Applied, p.Counters.Late));
    }

    [Fact]
    public void A_repeated_event_counts_once()
    {
        var p = Processor();

        Run(p, [Contact("c1", "jrn-1", Start, "support", 5), Contact("c1", "jrn-1", Start, "support", 5)]);

        Assert.Equal(1, p.Counters.Duplicates);
        Assert.Equal(1, p.Journeys.Find("jrn-1")!.Contacts);
    }

    [Fact]
    public void Retention_drops_a_closed_journey_and_an_idle_one_90_days_after_their_last_event()
    {
        var p = Processor();

        Run(p,
        [
            Contact("c1", "jrn-closed", Start, "support", 5),
            Closed("x1", "jrn-closed", Start.AddDays(1), JourneyOutcome.Resolved),
            Contact("c2", "jrn-idle", Start.AddDays(2), "support", 4),
            Contact("c3", "jrn-other", Start.AddDays(91).AddHours(2), "sales", 4),
        ]);

        Assert.Null(p.Journeys.Find("jrn-closed"));
        Assert.NotNull(p.Journeys.Find("jrn-idle")); // its last event is 89 days and 2 hours before the newest applied

        Run(p, [Contact("c4", "jrn-other", Start.AddDays(92).AddHours(2), "sales", 4)]);

        Assert.Null(p.Journeys.Find("jrn-idle"));
        Assert.NotNull(p.Journeys.Find("jrn-other"));
        Assert.Equal(2, p.Journeys.Dropped);
    }

    [Fact]
    public void Dropping_a_journey_with_an_open_alert_resolves_it()
    {
        var p = Processor();

        var alerts = Run(p,
        [
            Contact("c1", "jrn-1", Start, "support", 5),
            Contact("c2", "jrn-1", Start.AddDays(1), "field-service", 5),
            Contact("c3", "jrn-1", Start.AddDays(2), "billing", 5),
            Contact("c4", "jrn-2", Start.AddDays(95), "sales", 5),
        ]);

        var resolved = alerts[^1];
        Assert.Equal(AlertStatus.Resolved, resolved.Status);
        Assert.Equal(Start.AddDays(92), resolved.RaisedAt);
        Assert.Equal(alerts[0].AlertId, resolved.AlertId);
    }

    [Fact]
    public void Unknown_departments_and_roles_are_counted()
    {
        var p = Processor();
        var flagged = Contact("c1", "jrn-1", Start, "night-desk", 5) with { Flags = CatalogFlags.UnknownDepartment | CatalogFlags.UnknownRole };

        Run(p, [flagged, Step("s1", "jrn-1", Start.AddHours(1), "night-desk") with { Flags = CatalogFlags.UnknownDepartment }]);

        Assert.Equal((2, 1), (p.Counters.UnknownDepartments, p.Counters.UnknownRoles));
        Assert.Equal(["night-desk"], p.Journeys.Find("jrn-1")!.Departments);
    }

    [Fact]
    public void A_late_message_takes_its_place_in_the_timeline()
    {
        var p = Processor();

        Run(p, [Contact("c2", "jrn-1", Start.AddDays(2), "support", 5), Contact("c3", "jrn-1", Start.AddDays(3), "sales", 4), Contact("c1", "jrn-1", Start, "support", 3)]);

        Assert.Equal([Start, Start.AddDays(2), Start.AddDays(3)], p.Journey("jrn-1")!.Timeline.Select(s => s.At));
    }

    [Fact]
    public void A_long_timeline_keeps_the_first_step_and_the_latest_ones_and_the_counts_stay_exact()
    {
        var p = Processor(new JourneySettings { MaxTimelineSteps = 3 });

        Run(p, Enumerable.Range(0, 5).Select(i => (object)Step($"s{i}", "jrn-1", Start.AddDays(i), "support")));

        var view = p.Journey("jrn-1")!;
        Assert.Equal([Start, Start.AddDays(3), Start.AddDays(4)], view.Timeline.Select(s => s.At));
        Assert.Equal(5, view.Contacts);
    }
}
