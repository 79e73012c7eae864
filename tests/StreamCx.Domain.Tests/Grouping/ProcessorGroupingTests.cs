using StreamCx.Domain.Contracts;
using StreamCx.Domain.Grouping;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Tests.Scenarios;

namespace StreamCx.Domain.Tests.Grouping;

/// <summary>The grouping as the processor runs it (as replay and every region actor do): a move at every site of two regions.</summary>
public sealed class ProcessorGroupingTests
{
    private static readonly string[] Attributes = ["waiting-time", "cleanliness"];
    private static readonly ReferenceCatalog Catalog = Feedback.Catalog([6, 6], Attributes);

    /// <summary>Four steady days, then waiting time falls by 1.5 points within an hour at every site from hour 82 (10:00 on day 4), for 10 h.</summary>
    private static IEnumerable<FeedbackEvent> Events() => Feedback.Merge(Catalog.Sites.Select((s, i) => Feedback.Stream(
        s.SiteId, TimeSpan.FromHours(120), 20, (a, h) => a == "waiting-time" && h is > 82 and < 92 ? 4.2 - (1.5 * Math.Min(1, h - 82)) : 4.2, Attributes, seed: 40 + i)).ToArray());

    [Fact]
    public void A_move_at_every_site_of_two_regions_gives_region_groups_in_the_processor_and_one_network_group_over_them()
    {
        var processor = Feedback.Processor(Catalog);
        var alerts = Feedback.Run(processor, Events());

        var siteOpens = alerts.Where(a => a.Factors is not [GroupFactor] && a.Status == AlertStatus.Open && a.AttributeId == "waiting-time").ToList();
        var regionGroups = alerts.Where(a => a.Factors is [GroupFactor { Scope: GroupFactor.RegionScope }]).ToList();
        Assert.Equal(["r0", "r1"], regionGroups.Where(a => a.Status == AlertStatus.Open).Select(a => a.RegionId).Order());
        Assert.True(siteOpens.Count < 12, $"sites joining a group are not notified on their own: {siteOpens.Count} site alerts for 12 falling sites");
        Assert.All(regionGroups.GroupBy(a => a.AlertId), g => Assert.Equal(AlertStatus.Resolved, g.Last().Status)); // every site recovered at hour 92

        var grouping = new NetworkGrouping(new NetworkGrouper(Catalog, new()));
        foreach (var a in alerts) grouping.Take(a);
        var network = grouping.Release(null).Select(x => x.Emitted).ToList();
        Assert.Equal(AlertStatus.Open, network[0].Status);
        Assert.Equal(AlertStatus.Resolved, network[^1].Status);
        Assert.Matches(@"^waiting time fell at \d+ sites in 2 regions since 1\d:\d\d", network[0].Explanation);
    }

    private static string Line(Alert a) => ContractJson.Serialize(a with { EmittedAt = default });

    [Fact]
    public void Feeding_the_regions_in_another_interleaving_gives_the_same_emissions()
    {
        var events = Events().ToList();
        var together = Feedback.Run(Feedback.Processor(Catalog), events).Select(Line).ToList();

        // one processor per region (as replay and the engine split them), regions one after the other
        var apart = events.GroupBy(e => Catalog.Site(e.SiteId).RegionId).SelectMany(r => Feedback.Run(Feedback.Processor(Catalog), r))
            .Select(Line).ToList();

        Assert.Contains(together, l => l.Contains("\"kind\":\"group\"", StringComparison.Ordinal));
        Assert.Equal(together.Order(StringComparer.Ordinal), apart.Order(StringComparer.Ordinal));
    }
}
