using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Grouping;
using StreamCx.Domain.Tests.Live;
using static StreamCx.Domain.Tests.Grouping.GroupTestAlerts;

namespace StreamCx.Domain.Tests.Grouping;

public sealed class NetworkGroupingTests
{
    /// <summary>Each region's site alerts through its own grouper (as each region is evaluated where it lives): what the regions emit.</summary>
    private static List<Alert> Regions(params Alert[] siteAlerts)
    {
        var groupers = new Dictionary<string, RegionGrouper>();
        var output = new List<Alert>();
        foreach (var alert in siteAlerts)
        {
            if (!groupers.TryGetValue(alert.RegionId, out var g)) groupers[alert.RegionId] = g = new RegionGrouper(alert.RegionId, Catalog, Settings);
            g.Route(alert, output);
        }
        return output;
    }

    /// <summary>A move in three regions: three sites each within an hour; then every site recovers.</summary>
    private static List<Alert> Move()
    {
        var opens = new[] { "s00", "s10", "s20", "s01", "s11", "s21", "s02", "s12", "s22" }.Select((s, i) => Open(s, i * 7)).ToArray();
        return Regions([.. opens, .. opens.Select((o, i) => Next(o, AlertStatus.Resolved, 600 + i))]);
    }

    private static List<Alert> Network(IEnumerable<Alert> regionEmissions, DateTimeOffset? before = null)
    {
        var grouping = new NetworkGrouping(new NetworkGrouper(Catalog, Settings));
        foreach (var a in regionEmissions) grouping.Take(a);
        return grouping.Release(before).Select(x => x.Emitted).ToList();
    }

    [Fact]
    public void Region_groups_in_several_regions_give_one_network_group_naming_every_site_and_folding_them()
    {
        var regions = Move();
        var network = Network(regions);

        Assert.Equal([AlertStatus.Open, AlertStatus.Updated, AlertStatus.Resolved], network.Select(a => a.Status));
        Assert.Single(network.Select(a => a.AlertId).Distinct());
        var open = (GroupFactor)network[0].Factors[0];
        Assert.Equal(GroupFactor.NetworkScope, open.Scope);
        Assert.Equal(["r0", "r1"], open.RegionIds);
        Assert.StartsWith("Waiting time fell at 6 sites in 2 regions since 09:00", network[0].Explanation);
        var grown = (GroupFactor)network[1].Factors[0];
        Assert.Equal(9, grown.SiteIds.Count);
        var regionGroups = regions.Where(a => a.Factors is [GroupFactor { Scope: GroupFactor.RegionScope }] && a.Status == AlertStatus.Open).Select(a => a.AlertId).ToList();
        Assert.Equal(3, regionGroups.Count);
        Assert.Equal(regionGroups.Order(StringComparer.Ordinal), grown.FoldedAlertIds.Order(StringComparer.Ordinal));
        Assert.Equal(TestAlerts.T0.AddMinutes(600 + 8), network[2].RaisedAt); // when the last region group resolved
    }

    [Fact]
    public void The_network_groups_do_not_depend_on_the_order_the_regions_emissions_arrive_in()
    {
        var regions = Move();
        var expected = Network(regions).Select(ContractJson.Serialize).ToList();
        for (var seed = 0; seed < 20; seed++)
        {
            var shuffledAgain = regions.ToArray();
            new Random(seed).Shuffle(shuffledAgain);
            Assert.Equal(expected, Network(shuffledAgain).Select(ContractJson.Serialize));
        }
    }

    [Fact]
    public void Region_groups_are_held_until_every_region_has_passed_them_and_released_in_event_time_order()
    {
        var regions = Move();
        var grouping = new NetworkGrouping(new NetworkGrouper(Catalog, Settings));
        foreach (var a in regions.AsEnumerable().Reverse()) grouping.Take(a); // the latest first
        var firstOpen = regions.Where(a => a.Factors is [GroupFactor]).Min(a => a.RaisedAt);

        Assert.Empty(grouping.Release(firstOpen)); // nothing raised before the first region group
        var early = grouping.Release(TestAlerts.T0.AddHours(3)).Select(x => x.Emitted.Status).ToList();
        Assert.Equal([AlertStatus.Open, AlertStatus.Updated], early);
        Assert.Equal([AlertStatus.Resolved], grouping.Release(null).Select(x => x.Emitted.Status));
        Assert.Equal(0, grouping.Held);
    }

    [Fact]
    public void A_network_move_days_after_a_network_group_that_went_quiet_raises_a_network_group_of_its_own()
    {
        var settings = Settings with { GroupInterval = TimeSpan.FromHours(6) };
        var saturday = new[] { "s00", "s10", "s01", "s11", "s02", "s12" }.Select((s, i) => Open(s, i * 7)).ToList();
        var monday = new[] { "s03", "s13", "s04", "s14", "s05", "s15" }.Select((s, i) => Open(s, 2880 + (i * 7))).ToList();
        // s00 never recovers: the Saturday region group of r0, and the network group over it, are still active on Monday
        var siteAlerts = saturday.Concat(saturday.Skip(1).Select((o, i) => Next(o, AlertStatus.Resolved, 600 + i))).Concat(monday).ToArray();

        var groupers = new Dictionary<string, RegionGrouper>();
        var regions = new List<Alert>();
        foreach (var alert in siteAlerts)
        {
            if (!groupers.TryGetValue(alert.RegionId, out var g)) groupers[alert.RegionId] = g = new RegionGrouper(alert.RegionId, Catalog, settings);
            g.Route(alert, regions);
        }
        var grouping = new NetworkGrouping(new NetworkGrouper(Catalog, settings));
        foreach (var a in regions) grouping.Take(a);
        var network = grouping.Release(null).Select(x => x.Emitted).ToList();

        var opens = network.Where(a => a.Status == AlertStatus.Open).ToList();
        Assert.Equal(2, opens.Count);
        Assert.NotEqual(opens[0].AlertId, opens[1].AlertId);
        var second = (GroupFactor)opens[1].Factors[0];
        Assert.Equal(["s03", "s04", "s05", "s13", "s14", "s15"], second.SiteIds); // Monday's sites only, in each region's new group
        Assert.Equal(TestAlerts.T0.AddMinutes(2880), second.Since);
        Assert.Equal(2, second.FoldedAlertIds.Count);
        Assert.DoesNotContain(second.FoldedAlertIds, id => ((GroupFactor)opens[0].Factors[0]).FoldedAlertIds.Contains(id)); // new region groups, not Saturday's
        Assert.DoesNotContain(network, a => a.AlertId == opens[0].AlertId && a.RaisedAt > TestAlerts.T0.AddHours(24)); // the quiet one took nothing
    }

    [Fact]
    public void A_region_group_alone_or_site_alerts_give_no_network_group()
    {
        var oneRegion = Regions(Open("s00", 0), Open("s01", 10), Open("s02", 20), Open("s13", 30));
        Assert.Contains(oneRegion, a => a.Factors is [GroupFactor]);
        Assert.Empty(Network(oneRegion));
    }
}
