using Akka.Actor;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Durability;
using StreamCx.Engine.Sites;

namespace StreamCx.IntegrationTests.Durability;

/// <summary>A rebalance takes a partition away: its sites are stopped and come back from their snapshots.</summary>
public sealed class PartitionHandOverTests : IDisposable
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
    public void A_released_site_forgets_what_its_snapshot_does_not_hold_and_takes_it_again_once()
    {
        var settings = new SnapshotSettings { ConnectionString = _db, EveryEvents = 50, EveryInterval = TimeSpan.FromHours(1) };
        using var life = new EngineLife(settings, Catalog);
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
}
