using Akka.Actor;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Durability;
using StreamCx.Engine.Sites;

namespace StreamCx.IntegrationTests.Durability;

/// <summary>
/// What the sites actor does when told a partition was released (a <see cref="PartitionsReleased"/> message sent by the
/// test, as the consumer sends it on revocation; no consumer group, no real rebalance): the partition's sites are
/// stopped and come back from their snapshots. A real rebalance is covered by Kafka/ConsumerGroupTests.
/// </summary>
public sealed class PartitionReleasedMessageTests : IDisposable
{
    private static readonly ReferenceCatalog Catalog = new(
        [new Site("s1", "Site 1", "north")],
        [new AttributeDefinition("waiting-time", "Waiting time", 1, 5, 2)]);

    private readonly string _db = Path.Combine(Path.GetTempPath(), $"streamcx-handover-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        foreach (var f in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(_db) + "*")) File.Delete(f);
    }

    [Fact]
    public void A_site_whose_partition_is_released_by_message_forgets_what_its_snapshot_does_not_hold_and_takes_it_again_once()
    {
        var settings = new SnapshotSettings { ConnectionString = _db, EveryEvents = 50, EveryInterval = TimeSpan.FromHours(1) };
        using var life = new HandFedSitesLife(settings, Catalog);
        for (var o = 0; o < 50; o++) life.Apply(o, "s1", o / 10.0, 4);
        life.WaitUntilDurable(49);
        for (var o = 50; o < 55; o++) life.Apply(o, "s1", o / 10.0, 4); // applied, not yet in a snapshot
        Assert.Equal(55, life.Scores("s1").Attributes["waiting-time"].Count);

        life.Sites.Tell(new PartitionsReleased([("feedback", 1)])); // not a partition s1 used: nothing moves
        Assert.Equal(55, life.Scores("s1").Attributes["waiting-time"].Count);

        life.Sites.Tell(new PartitionsReleased([("feedback", 0)]));
        Assert.Equal(50, life.Scores("s1").Attributes["waiting-time"].Count); // back to its snapshot

        for (var o = 50; o < 55; o++) Assert.False(life.Apply(o, "s1", o / 10.0, 4).AlreadyApplied); // the consumer re-reads them
        Assert.Equal(55, life.Scores("s1").Attributes["waiting-time"].Count);
    }

    [Fact]
    public void A_site_first_loaded_by_a_query_reloads_the_snapshot_another_life_saved_when_its_partition_is_released_by_message()
    {
        var settings = new SnapshotSettings { ConnectionString = _db, EveryEvents = 50, EveryInterval = TimeSpan.FromHours(1) };
        using var engineB = new HandFedSitesLife(settings, Catalog);
        Assert.Empty(engineB.Scores("s1").Attributes); // B shows the site (a board asked for it) before it owns it

        using (var engineA = new HandFedSitesLife(settings, Catalog))
        {
            for (var o = 0; o < 50; o++) engineA.Apply(o, "s1", o / 10.0, 4);
            engineA.WaitUntilDurable(49);
        }

        engineB.Sites.Tell(new PartitionsReleased([("feedback", 0)])); // as on a rebalance that gives B the partition
        Assert.Equal(50, engineB.Scores("s1").Attributes["waiting-time"].Count); // A's snapshot, not B's stale view
        Assert.True(engineB.Apply(49, "s1", 4.9, 4).AlreadyApplied);
        Assert.False(engineB.Apply(50, "s1", 5.0, 4).AlreadyApplied);
        Assert.Equal(51, engineB.Scores("s1").Attributes["waiting-time"].Count);
    }
}
