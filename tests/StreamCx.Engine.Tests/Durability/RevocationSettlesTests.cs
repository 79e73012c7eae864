using Akka.Actor;
using Akka.Persistence;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Alerts;
using StreamCx.Engine.Durability;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Sites;

namespace StreamCx.Engine.Tests.Durability;

/// <summary>
/// A revocation is answered only once no snapshot of the sites it takes away is still being written: their next holder,
/// which may start reading them as soon as the revocation returns, then restores them all as of one instant. The snapshot
/// store here is a probe that answers when the test says so.
/// </summary>
public sealed class RevocationSettlesTests : TestKit
{
    private static readonly ReferenceCatalog Catalog = new(
        Enumerable.Range(0, 3).Select(i => new Site($"s{i}", $"Site {i}", "north")),
        [new AttributeDefinition("waiting-time", "Waiting time", 1, 5, 2)]);

    [Fact]
    public void A_revocation_is_answered_only_after_the_save_in_flight_of_a_site_it_takes_away()
    {
        var store = CreateTestProbe();
        var settings = new SnapshotSettings { EveryEvents = 1000, EveryInterval = TimeSpan.FromHours(1) };
        var hub = new AlertHub(new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero)));
        var sites = Sys.ActorOf(SitesActor.Create(Catalog, new DetectionSettings(), hub, durability: new SiteDurability(settings, store, new OffsetLedger(), new SnapshotCounters())));

        var receipt = new FeedbackReceipt(1);
        var e = new FeedbackEvent("e1", new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), "s1", "store", new Dictionary<string, double> { ["waiting-time"] = 4 });
        sites.Tell(new ApplyFeedbackBatch([new ApplyFeedback(e, new SourcePosition("feedback", 0, 0))], receipt));
        for (var i = 0; i < Catalog.Sites.Count; i++) // the region restores its sites before it applies anything: none has a snapshot
        {
            var load = store.ExpectMsg<LoadSnapshot>();
            store.Reply(new LoadSnapshotResult(null, load.ToSequenceNr));
        }
        Assert.True(receipt.Completion.Wait(TimeSpan.FromSeconds(10)));
        sites.Tell(SnapshotNow.Instance);
        var save = store.ExpectMsg<SaveSnapshot>(); // s1's save, left unanswered
        var region = store.LastSender;

        var settled = sites.Ask<SitesSettled>(new PartitionsReleased([("feedback", 0)]), TimeSpan.FromSeconds(10));
        Assert.False(settled.Wait(TimeSpan.FromMilliseconds(500)), "answered while s1's save was still in flight");
        region.Tell(new SaveSnapshotSuccess(save.Metadata), store.Ref);

        Assert.True(settled.Wait(TimeSpan.FromSeconds(10)), "answered once the save was");
    }
}
