using StreamCx.Domain.Contracts;
using StreamCx.Domain.Journeys;
using StreamCx.Domain.Journeys.Indicators;
using StreamCx.Domain.Tests.TestSupport;
using static StreamCx.Domain.Tests.Journeys.JourneyEvents;

namespace StreamCx.Domain.Tests.Journeys.Indicators;

/// <summary>Each journey's readings of the journey indicators: given once, when it settles, at its site and at each of its catalog's departments.</summary>
public sealed class JourneyReadingsTests
{
    private static JourneyProcessor Giving() => new(TestCatalog.Create(), new JourneySettings(), TimeProvider.System, givesReadings: true);

    /// <summary>The readings given to the journeys' sites (not their regions' or departments').</summary>
    private static List<FeedbackEvent> Readings(JourneyProcessor p, IEnumerable<object> messages) =>
        [.. AllReadings(p, messages).Where(r => !JourneyIndicatorAttributes.IsGroupSite(r.SiteId))];

    private static List<FeedbackEvent> AllReadings(JourneyProcessor p, IEnumerable<object> messages)
    {
        var readings = new List<FeedbackEvent>();
        foreach (var m in messages)
        {
            _ = m is FeedbackEvent e ? p.Process(e) : p.Process((JourneySignal)m);
            readings.AddRange(p.TakeReadings());
        }
        p.Flush();
        readings.AddRange(p.TakeReadings());
        return readings;
    }

    [Fact]
    public void A_journey_resolved_at_the_first_contact_gives_one_green_reading_when_it_is_closed()
    {
        var readings = Readings(Giving(), [Contact("c1", "jrn-1", Start, "support", 5), Closed("x1", "jrn-1", Start.AddHours(2), JourneyOutcome.Resolved)]);

        var r = Assert.Single(readings);
        Assert.Equal(("journey:jrn-1:settled", Start.AddHours(2), TestCatalog.LilleCentre), (r.EventId, r.OccurredAt, r.SiteId));
        Assert.Equal(10, r.Ratings[JourneyIndicatorAttributes.NotRed]);
        Assert.Equal(10, r.Ratings[JourneyIndicatorAttributes.NotWatermelon]);
    }

    [Fact]
    public void A_watermelon_gives_its_red_reading_when_it_turns_red_and_its_agreement_when_the_journey_is_scored()
    {
        var readings = Readings(Giving(),
        [
            Contact("c1", "jrn-1", Start, "support", 5),
            Contact("c2", "jrn-1", Start.AddDays(1), "field-service", 5),
            Contact("c3", "jrn-1", Start.AddDays(2), "billing", 5), // the third department: red
            Contact("c4", "jrn-1", Start.AddDays(3), "support", 5),
            JourneySurvey("s1", "jrn-1", Start.AddDays(4), nps: 2),
            Closed("x1", "jrn-1", Start.AddDays(5), JourneyOutcome.Resolved),
        ]);

        Assert.Equal(2, readings.Count);
        Assert.Equal(("journey:jrn-1:settled", Start.AddDays(2)), (readings[0].EventId, readings[0].OccurredAt));
        Assert.Equal(0, readings[0].Ratings[JourneyIndicatorAttributes.NotRed]);
        Assert.Equal(0, readings[0].Ratings[JourneyIndicatorAttributes.NotWatermelon]);
        Assert.Equal(("journey:jrn-1:agreement", Start.AddDays(4)), (readings[1].EventId, readings[1].OccurredAt));
        Assert.Equal(2, readings[1].Ratings[JourneyIndicatorAttributes.Agreement]); // 10 − (10 − 2)
    }

    [Fact]
    public void A_red_journey_rated_poorly_is_red_but_not_a_watermelon()
    {
        var readings = Readings(Giving(), [Contact("c1", "jrn-1", Start, "support", 1), Closed("x1", "jrn-1", Start.AddDays(1), JourneyOutcome.Unresolved)]);

        var r = Assert.Single(readings);
        Assert.Equal(0, r.Ratings[JourneyIndicatorAttributes.NotRed]);
        Assert.Equal(10, r.Ratings[JourneyIndicatorAttributes.NotWatermelon]);
    }

    [Fact]
    public void A_journey_still_open_and_green_gives_nothing_and_a_journey_without_a_site_gives_nothing()
    {
        var readings = Readings(Giving(),
        [
            Contact("c1", "jrn-1", Start, "support", 5),
            Step("t1", "jrn-2", Start, "support"), Step("t2", "jrn-2", Start.AddHours(1), "billing"), Step("t3", "jrn-2", Start.AddHours(2), "delivery"),
        ]);

        Assert.Empty(readings);
    }

    [Fact]
    public void The_region_of_a_journey_s_site_and_each_department_of_the_catalog_that_handled_it_get_its_readings()
    {
        var readings = AllReadings(Giving(),
        [
            Contact("c1", "jrn-1", Start, "support", 5),
            Contact("c2", "jrn-1", Start.AddHours(1), "field-service", 5),
            Contact("c3", "jrn-1", Start.AddHours(2), "billing", 5), // not in the catalog: no reading of its own
            Step("t1", "jrn-2", Start, "sales"), Step("t2", "jrn-2", Start.AddHours(1), "delivery"), Step("t3", "jrn-2", Start.AddHours(2), "sales"),
            Step("t4", "jrn-2", Start.AddHours(3), "sales"), // a fourth contact: red, without a site
        ]);

        Assert.Equal(
            [
                ("journey:jrn-1:settled", TestCatalog.LilleCentre),
                ("journey:jrn-1:settled@region", JourneyIndicatorAttributes.RegionSite("north")),
                ("journey:jrn-1:settled@support", JourneyIndicatorAttributes.DepartmentSite("support")),
                ("journey:jrn-1:settled@field-service", JourneyIndicatorAttributes.DepartmentSite("field-service")),
                ("journey:jrn-2:settled@sales", JourneyIndicatorAttributes.DepartmentSite("sales")),
            ],
            readings.Select(r => (r.EventId, r.SiteId)));
        Assert.All(readings.Take(4), r => Assert.Equal((0d, 0d), (r.Ratings[JourneyIndicatorAttributes.NotRed], r.Ratings[JourneyIndicatorAttributes.NotWatermelon])));
        Assert.Equal(Start.AddHours(3), readings[4].OccurredAt); // jrn-2 has no site: its department only
        var watched = JourneyIndicatorAttributes.CatalogFrom(TestCatalog.Create());
        Assert.Equal(("Field service (department)", JourneyIndicatorAttributes.DepartmentsRegion),
            (watched.Site(JourneyIndicatorAttributes.DepartmentSite("field-service")).Name, watched.Site(JourneyIndicatorAttributes.DepartmentSite("field-service")).RegionId));
        Assert.Equal(JourneyIndicatorAttributes.RegionsRegion, watched.Site(JourneyIndicatorAttributes.RegionSite("paris")).RegionId);
    }

    [Fact]
    public void A_restored_journey_does_not_give_its_reading_again()
    {
        var before = Giving();
        Readings(before, [Contact("c1", "jrn-1", Start, "support", 1), Closed("x1", "jrn-1", Start.AddDays(1), JourneyOutcome.Unresolved)]);
        var after = Giving();
        after.Restore(before.Capture());

        Assert.Empty(Readings(after, [CustomerChurn("churn-1", Start.AddDays(2))]));
        Assert.Single(Readings(Giving(), [Contact("c1", "jrn-1", Start, "support", 1), CustomerChurn("churn-1", Start.AddDays(2))])); // the churn alone turns it red
    }

    [Fact]
    public void A_processor_that_gives_no_readings_keeps_none()
    {
        var p = Processor();
        Run(p, [Contact("c1", "jrn-1", Start, "support", 1), Closed("x1", "jrn-1", Start.AddDays(1), JourneyOutcome.Unresolved)]);

        Assert.Empty(p.TakeReadings());
    }
}
