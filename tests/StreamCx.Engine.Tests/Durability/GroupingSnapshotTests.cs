using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Grouping;
using StreamCx.Domain.Processing;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Durability;

namespace StreamCx.Engine.Tests.Durability;

/// <summary>The region's grouping state travels in its sites' snapshots and a region restored from them goes on with the same group.</summary>
public sealed class GroupingSnapshotTests
{
    private static readonly ReferenceCatalog Catalog = new(
        Enumerable.Range(0, 10).Select(i => new Site($"s{i}", $"Site {i}", "north")),
        [new AttributeDefinition("waiting-time", "Waiting time", 1, 5, 2)]);

    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(1));

    private static Alert Open(int site, double minutes) => new(
        $"alr-{site:0000000000000000}", AlertStatus.Open, 1, $"s{site}", $"Site {site}", "north", "waiting-time", "Waiting time", 0.6, SeverityLevel.High,
        [new TrendFactor(-0.3, -6, 4.2, 3.2, 40, 3)], new ScoreSummary(3.2, 30, 40), T0.AddMinutes(minutes), T0, new TimeWindow(T0.AddHours(-3), T0), "x", []);

    private static List<Alert> Route(RegionGrouper grouper, IEnumerable<Alert> alerts)
    {
        var output = new List<Alert>();
        foreach (var alert in alerts) grouper.Route(alert, output);
        return output;
    }

    [Fact]
    public void A_region_restored_from_a_snapshot_written_mid_move_continues_the_group_as_if_never_stopped()
    {
        var settings = new DetectionSettings { MinGroupSites = 3, MinGroupShare = 0.3 };
        var alerts = new[] { Open(0, 0), Open(1, 20), Open(2, 40), Open(3, 60) };
        var expected = Route(new RegionGrouper("north", Catalog, settings), alerts).Select(ContractJson.Serialize).ToList();

        var before = new RegionGrouper("north", Catalog, settings);
        var output = Route(before, alerts[..3]);
        var processor = new FeedbackProcessor(Catalog, settings, TimeProvider.System);
        processor.RestoreGrouping("s2", before.State); // what the region holds when its sites are captured
        var (intake, attributes) = processor.Capture("s2");
        var bytes = SnapshotCodec.Encode(new SiteSnapshot(SiteSnapshot.CurrentVersion, "s2", intake, attributes, new Dictionary<string, long>())
        {
            Grouping = processor.GroupingOf("s2"),
        });

        var decoded = SnapshotCodec.Decode(bytes, "site-s2").Grouping;
        Assert.NotNull(decoded);
        Assert.Single(decoded.Moves);
        var after = new RegionGrouper("north", Catalog, settings);
        after.Restore(decoded);
        output.AddRange(Route(after, alerts[3..]));

        Assert.Equal(expected, output.Select(ContractJson.Serialize));
        Assert.Contains(output, a => a.Factors is [GroupFactor { SiteIds.Count: 4 }] && a.Status == AlertStatus.Updated);
    }

    [Fact]
    public void The_last_join_travels_in_the_snapshot_so_a_restored_region_stops_taking_members_when_the_one_never_stopped_does()
    {
        var settings = new DetectionSettings { MinGroupSites = 3, MinGroupShare = 0.3, GroupInterval = TimeSpan.FromHours(4) };
        // a group forms at 40 min, s3 joins at 3 h; s4 at 6.5 h still joins (3.5 h after the last join), s5 at 11 h does not
        var alerts = new[] { Open(0, 0), Open(1, 20), Open(2, 40), Open(3, 180), Open(4, 390), Open(5, 660), Open(6, 670), Open(7, 680) };
        var expected = Route(new RegionGrouper("north", Catalog, settings), alerts).Select(ContractJson.Serialize).ToList();

        var before = new RegionGrouper("north", Catalog, settings);
        var output = Route(before, alerts[..4]);
        var processor = new FeedbackProcessor(Catalog, settings, TimeProvider.System);
        processor.RestoreGrouping("s3", before.State);
        var (intake, attributes) = processor.Capture("s3");
        var bytes = SnapshotCodec.Encode(new SiteSnapshot(SiteSnapshot.CurrentVersion, "s3", intake, attributes, new Dictionary<string, long>())
        {
            Grouping = processor.GroupingOf("s3"),
        });

        var decoded = SnapshotCodec.Decode(bytes, "site-s3").Grouping;
        Assert.NotNull(decoded);
        Assert.Equal(T0.AddMinutes(180), Assert.Single(decoded.Moves).LastJoinAt);
        var after = new RegionGrouper("north", Catalog, settings);
        after.Restore(decoded);
        output.AddRange(Route(after, alerts[4..]));

        Assert.Equal(expected, output.Select(ContractJson.Serialize));
        Assert.Equal(2, output.Count(a => a.Factors is [GroupFactor] && a.Status == AlertStatus.Open)); // the late sites formed a group of their own
        Assert.Equal(2, after.State.Moves.Count);
    }
}
