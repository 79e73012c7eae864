using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Grouping;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Tests.Live;

namespace StreamCx.Domain.Tests.Grouping;

public sealed class AlertGrouperTests
{
    private static readonly ReferenceCatalog Catalog = new(
        Enumerable.Range(0, 20).Select(i => new Site($"s{i}", $"Site {i}", i < 10 ? "r0" : "r1")),
        [new AttributeDefinition("waiting-time", "Waiting time", 1, 5, 2)]);

    private static Alert Open(int site, double minutes, double mean = 3.2) =>
        TestAlerts.Make(alertId: $"alr-{site}", siteId: $"s{site}", regionId: site < 10 ? "r0" : "r1") with
        {
            RaisedAt = TestAlerts.T0.AddMinutes(minutes),
            Score = new ScoreSummary(mean, 20, 40),
        };

    private static Alert Resolved(Alert open, double minutes) => open with { Status = AlertStatus.Resolved, Sequence = 2, RaisedAt = TestAlerts.T0.AddMinutes(minutes) };

    [Fact]
    public void A_move_at_many_sites_of_a_region_gives_one_grouped_alert_naming_them_and_absorbs_the_later_site_alerts()
    {
        var grouper = new AlertGrouper(Catalog, new DetectionSettings());
        var opens = new[] { Open(0, 0), Open(1, 20), Open(2, 40), Open(3, 60), Open(4, 70, mean: 2.2) };
        var decisions = opens.Select(grouper.Observe).ToList();

        var group = Assert.Single(decisions.SelectMany(d => d.Groups));
        Assert.Equal(AlertStatus.Open, group.Status);
        Assert.Equal("region:r0", group.Scope);
        Assert.Equal(["s0", "s1", "s2"], group.SiteIds);
        Assert.Contains("Waiting time fell at 3 sites at once in region r0", group.Explanation);
        // the first two were notified before the group formed; later ones join it, except a site clearly worse than the group
        Assert.Equal(["alr-0", "alr-1"], decisions.SelectMany(d => d.SiteAlerts).Select(a => a.AlertId));
        Assert.Equal(["alr-2", "alr-3"], grouper.Absorbed.Order(StringComparer.Ordinal));
        Assert.Equal(["alr-4"], grouper.Flush().Select(a => a.AlertId));
    }

    [Fact]
    public void The_grouped_alert_resolves_when_every_site_has_recovered_and_the_same_input_gives_the_same_output()
    {
        static List<GroupedAlert> Run()
        {
            var grouper = new AlertGrouper(Catalog, new DetectionSettings());
            var opens = new[] { Open(0, 0), Open(11, 10), Open(2, 20), Open(13, 30), Open(4, 40), Open(15, 50) };
            var all = opens.Concat(opens.Select((o, i) => Resolved(o, 600 + i))).SelectMany(a => grouper.Observe(a).Groups).ToList();
            return all;
        }

        var groups = Run();
        Assert.Equal([AlertStatus.Open, AlertStatus.Resolved], groups.Select(g => g.Status));
        Assert.Equal("network", groups[0].Scope);
        Assert.Equal(Run(), groups, (a, b) => a.GroupId == b.GroupId && a.Status == b.Status && a.SiteIds.SequenceEqual(b.SiteIds) && a.Explanation == b.Explanation);
    }

    [Fact]
    public void Sites_far_apart_in_time_do_not_group()
    {
        var grouper = new AlertGrouper(Catalog, new DetectionSettings());
        var groups = new[] { Open(0, 0), Open(1, 300), Open(2, 600) }.SelectMany(a => grouper.Observe(a).Groups);
        Assert.Empty(groups);
    }
}
