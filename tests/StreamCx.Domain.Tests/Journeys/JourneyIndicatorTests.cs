using StreamCx.Domain.Contracts;
using StreamCx.Domain.Journeys;
using StreamCx.Domain.Tests.TestSupport;
using static StreamCx.Domain.Tests.Journeys.JourneyEvents;

namespace StreamCx.Domain.Tests.Journeys;

/// <summary>
/// Journey indicators by site, region and department: share of red journeys, watermelon rate, the gap between interaction
/// and journey satisfaction, churn rate; the same whether the journeys are held by one processor or split over several.
/// </summary>
public sealed class JourneyIndicatorTests
{
    /// <summary>
    /// A watermelon (4 contacts over 31 days in 3 departments, each rated 5/5, a journey NPS of 2, then churn), a journey
    /// resolved at its first contact, and a poor journey (5 contacts rated 1/5: red, not a watermelon), at Lille Centre.
    /// </summary>
    private static IEnumerable<object> Watermelon() =>
    [
        Contact("w1", "jrn-w", Start, "sales", 5, "cus-w"),
        Contact("w2", "jrn-w", Start.AddDays(10), "support", 5, "cus-w"),
        Contact("w3", "jrn-w", Start.AddDays(20), "field-service", 5, "cus-w"),
        Contact("w4", "jrn-w", Start.AddDays(31), "support", 5, "cus-w"),
        JourneySurvey("w5", "jrn-w", Start.AddDays(31).AddHours(1), 2, "cus-w"),
        CustomerChurn("w6", Start.AddDays(32), "cus-w"),
    ];

    private static IEnumerable<object> Green() =>
    [
        Contact("g1", "jrn-g", Start.AddDays(30), "support", 5, "cus-g"),
        Closed("g2", "jrn-g", Start.AddDays(30).AddHours(2), JourneyOutcome.Resolved),
    ];

    private static IEnumerable<object> Poor() =>
        [.. Enumerable.Range(0, 5).Select(i => Contact($"p{i}", "jrn-p", Start.AddDays(28).AddHours(i), "central-support", 1, "cus-p"))];

    private static IReadOnlyList<JourneyIndicatorRow> Rows(JourneyIndicatorScope by, long since, params JourneyProcessor[] processors)
    {
        var tally = new JourneyIndicatorTally(TestCatalog.Create(), new JourneySettings(), by, since);
        foreach (var p in processors) p.Tally(tally);
        return tally.Rows();
    }

    private static JourneyProcessor With(params IEnumerable<object>[] journeys)
    {
        var p = Processor();
        Run(p, journeys.SelectMany(j => j));
        return p;
    }

    [Fact]
    public void A_site_shows_its_share_of_red_journeys_its_watermelon_rate_the_satisfaction_gap_and_its_churn_rate()
    {
        var row = Assert.Single(Rows(JourneyIndicatorScope.Site, long.MinValue, With(Watermelon(), Green(), Poor())));
        Assert.Equal(TestCatalog.LilleCentre, row.Key);
        Assert.Equal((3, 2, 0.6667), (row.Journeys, row.Red, row.RedShare)); // the watermelon and the poor journey
        Assert.Equal((1, 0.3333), (row.Watermelons, row.WatermelonRate)); // the poor journey is red but already visible
        Assert.Equal(6.67, row.MeanInteractionScore); // 10, 10 and 0 out of 10
        Assert.Equal(2, row.MeanJourneyScore);
        Assert.Equal(8, row.SatisfactionGap); // interactions 10, journey 2: green outside, red inside
        Assert.Equal((3, 1, 0.3333), (row.Customers, row.Churned, row.ChurnRate));
    }

    [Fact]
    public void By_region_and_by_department_a_journey_counts_in_its_region_and_in_each_department_it_went_through()
    {
        var processor = With(Watermelon(), Green(), Poor());
        var region = Assert.Single(Rows(JourneyIndicatorScope.Region, long.MinValue, processor));
        Assert.Equal(("north", 3, 2), (region.Key, region.Journeys, region.Red));

        var departments = Rows(JourneyIndicatorScope.Department, long.MinValue, processor).ToDictionary(r => r.Key);
        Assert.Equal(["central-support", "field-service", "sales", "support"], departments.Keys);
        Assert.Equal((2, 1, 1), (departments["support"].Journeys, departments["support"].Red, departments["support"].Watermelons)); // the watermelon and the green one
        Assert.Equal((1, 1, 0), (departments["central-support"].Journeys, departments["central-support"].Red, departments["central-support"].Watermelons));
        Assert.Equal(1, departments["sales"].Churned);
    }

    [Fact]
    public void Journeys_split_over_several_processors_give_the_indicators_of_one()
    {
        foreach (var by in Enum.GetValues<JourneyIndicatorScope>())
        {
            var one = Rows(by, long.MinValue, With(Watermelon(), Green(), Poor()));
            var split = Rows(by, long.MinValue, With(Green()), With(Watermelon(), Poor()));
            Assert.Equal(one, split);
        }
    }

    [Fact]
    public void Only_journeys_active_in_the_period_count()
    {
        var since = Start.AddDays(29).UtcTicks; // the poor journey's last contact was on day 28
        var row = Assert.Single(Rows(JourneyIndicatorScope.Site, since, With(Watermelon(), Green(), Poor())));
        Assert.Equal((2, 1, 1), (row.Journeys, row.Red, row.Watermelons));
        Assert.Equal((2, 1, 0.5), (row.Customers, row.Churned, row.ChurnRate));
    }

    [Fact]
    public void No_journey_gives_no_row_and_a_journey_without_a_customer_counts_no_churn_rate()
    {
        Assert.Empty(Rows(JourneyIndicatorScope.Site, long.MinValue, Processor()));
        var anonymous = With([Contact("a1", "jrn-a", Start, "sales", 5, customerId: null)]);
        var row = Assert.Single(Rows(JourneyIndicatorScope.Site, long.MinValue, anonymous));
        Assert.Equal((1, 0, 0, (double?)null), (row.Journeys, row.Customers, row.Churned, row.ChurnRate));
    }
}
