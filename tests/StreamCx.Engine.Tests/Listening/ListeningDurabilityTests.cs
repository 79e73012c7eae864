using Akka.Actor;
using Akka.Persistence;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Complaints;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Listening;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Durability;
using StreamCx.Engine.Listening;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Sites;
using static StreamCx.Engine.Tests.Journeys.JourneyFixtures;

namespace StreamCx.Engine.Tests.Listening;

/// <summary>
/// The listening sources' durable side, one region-topic partition (channel) at a time, against a snapshot store probe
/// that answers when the test says so: a channel assigned here is restored before anything of it is applied and skips what
/// its snapshot holds; its next snapshot covers what came after, and only then may those offsets be committed; a release
/// is answered once no save of the released channel is in flight.
/// </summary>
public sealed class ListeningDurabilityTests : TestKit
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));

    private static readonly ReferenceCatalog Catalog = new(
        Enumerable.Range(0, 4).Select(i => new Site($"s{i}", $"Site {i}", "north")),
        [new AttributeDefinition("waiting-time", "Waiting time", 1, 5, 2)])
    {
        Listening = new ListeningCatalog([new ComplaintReason("long-wait", "Long wait", "waiting-time")], [], [], []),
    };

    private const string Topic = "group.regions";
    private const string Channel = Topic + "/3";

    private static Complaint ComplaintAt(int i) => new($"c{i}", Start.AddMinutes(i), "phone", "long-wait") { SiteId = "s1" };

    private static ListeningItem Item(int offset) => new(ComplaintAt(offset), new SourcePosition(Topic, 3, offset));

    [Fact]
    public void A_channel_assigned_here_is_restored_first_skips_what_its_snapshot_holds_and_commits_what_came_after_once_saved()
    {
        var store = CreateTestProbe();
        var ledger = new OffsetLedger();
        var settings = new SnapshotSettings { EveryEvents = 1000, EveryInterval = TimeSpan.FromHours(1) };
        var listening = Sys.ActorOf(ListeningActor.Create(Catalog, new ComplaintSettings(), new Recorder(Clock), durability: new SiteDurability(settings, store, ledger, new SnapshotCounters())));

        // what the channel's previous holder saved: complaints at offsets 0 to 4
        var before = new ListeningProcessor(Catalog, new ComplaintSettings(), Clock);
        for (var i = 0; i <= 4; i++) before.Offer(ComplaintAt(i));
        var saved = SnapshotCodec.Encode(new ListeningChannelSnapshot(ListeningChannelSnapshot.CurrentVersion, Channel, before.Capture(), new Dictionary<string, long> { [Channel] = 4 }));

        listening.Tell(new PartitionsAssigned([(Topic, 3)]) { HearInputsFor = TimeSpan.FromSeconds(2) });
        listening.Tell(new ApplyListening([.. Enumerable.Range(3, 5).Select(Item)])); // 3 and 4 again (re-read from the commit), then 5 to 7
        var load = store.ExpectMsg<LoadSnapshot>();
        Assert.Equal($"listening-{Channel}", load.PersistenceId);
        var status = listening.Ask<ListeningStatus>(GetListeningStatus.Instance, TimeSpan.FromSeconds(5));
        Assert.False(status.Wait(TimeSpan.FromMilliseconds(300)), "answered before the channel was restored");
        store.Reply(new LoadSnapshotResult(new SelectedSnapshot(new SnapshotMetadata(load.PersistenceId, 7, Clock.GetUtcNow().UtcDateTime), saved), load.ToSequenceNr));

        Assert.True(status.Wait(TimeSpan.FromSeconds(5)));
        Assert.Equal(8, status.Result.Held); // 5 restored + 3 new (the two the snapshot holds are skipped); no frontier yet: all wait for it
        listening.Tell(new Regions.FrontierAdvanced(Start.AddHours(1)));
        var applied = listening.Ask<ListeningStatus>(GetListeningStatus.Instance, TimeSpan.FromSeconds(5)).Result;
        Assert.Equal((8, 0), (applied.ByType[ListeningTypes.Complaint], applied.Held));
        Assert.Equal((8L, 0L), (applied.ComplaintsApplied, applied.ComplaintDuplicates));

        foreach (var offset in Enumerable.Range(3, 5)) ledger.Applied(ListeningActor.LedgerKey, new(Topic, 3, offset));
        Assert.Equal(3, ledger.Committable().Single().NextOffset); // nothing after the restored snapshot is saved yet

        listening.Tell(SnapshotNow.Instance);
        var save = store.ExpectMsg<SaveSnapshot>();
        Assert.Equal(8, save.Metadata.SequenceNr);
        var written = SnapshotCodec.DecodeListening(save.Snapshot, save.Metadata.PersistenceId);
        Assert.Equal(7, written.AppliedOffsets[Channel]);
        Assert.Equal(3, ledger.Committable().Single().NextOffset); // not before the store says it is saved
        store.Reply(new SaveSnapshotSuccess(save.Metadata));
        AwaitCondition(() => ledger.Committable().Single().NextOffset == 8, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Feedback_and_listening_messages_of_one_batch_are_each_taken_once_in_their_partition_s_order()
    {
        var store = CreateTestProbe();
        var settings = new SnapshotSettings { EveryEvents = 1000, EveryInterval = TimeSpan.FromHours(1) };
        var listening = Sys.ActorOf(ListeningActor.Create(Catalog, new ComplaintSettings(), new Recorder(Clock), durability: new SiteDurability(settings, store, new OffsetLedger(), new SnapshotCounters())));
        // one batch read through the region topic: complaints at offsets 1 and 3, feedback at 0, 2 and 4, each first read from
        // the source partition at the same offset; then the same batch again (its reader restarted from an older commit)
        const string source = "feedback";
        ApplyFeedback Answer(int offset) => new(
            new FeedbackEvent($"f{offset}", Start.AddMinutes(offset), "s1", "app", new RatingDictionary([new("waiting-time", 4)])) { Nps = 9 },
            new SourcePosition(Topic, 3, offset)) { Source = new SourcePosition(source, 0, offset) };
        ListeningItem Heard(int offset) => new(ComplaintAt(offset), new SourcePosition(Topic, 3, offset), new SourcePosition(source, 0, offset));
        var batch = new ApplyListening([Heard(1), Heard(3)]) { Feedback = [Answer(0), Answer(2), Answer(4)] };
        listening.Tell(batch);
        var load = store.ExpectMsg<LoadSnapshot>();
        store.Reply(new LoadSnapshotResult(null, load.ToSequenceNr));
        listening.Tell(batch with { });

        var status = listening.Ask<ListeningStatus>(GetListeningStatus.Instance, TimeSpan.FromSeconds(5)).Result;
        Assert.Equal((2, 3), (status.Held - status.Channels!.Held, status.Channels.Held)); // every message once, none refused as a copy
        listening.Tell(new Regions.FrontierAdvanced(Start.AddHours(2)));
        var applied = listening.Ask<ListeningStatus>(GetListeningStatus.Instance, TimeSpan.FromSeconds(5)).Result;
        Assert.Equal((2, 3L, 0), (applied.ByType[ListeningTypes.Complaint], applied.Channels!.Applied, applied.Held));
    }

    [Fact]
    public void A_partition_assigned_later_waits_for_its_own_frontier_not_the_one_the_others_reached()
    {
        var store = CreateTestProbe();
        var settings = new SnapshotSettings { EveryEvents = 1000, EveryInterval = TimeSpan.FromHours(1) };
        var listening = Sys.ActorOf(ListeningActor.Create(Catalog, new ComplaintSettings(), new Recorder(Clock), durability: new SiteDurability(settings, store, new OffsetLedger(), new SnapshotCounters())));
        ListeningStatus Status() => listening.Ask<ListeningStatus>(GetListeningStatus.Instance, TimeSpan.FromSeconds(5)).Result;
        void Restored()
        {
            var load = store.ExpectMsg<LoadSnapshot>();
            store.Reply(new LoadSnapshotResult(null, load.ToSequenceNr));
        }

        listening.Tell(new ApplyListening([Item(0)])); // partition 3, a complaint at Start
        Restored();
        listening.Tell(new Regions.FrontierAdvanced(Start.AddHours(2)) { ByChannel = new Dictionary<string, DateTimeOffset> { [Channel] = Start.AddHours(2) } });
        Assert.Equal(0, Status().Held);

        // partition 5 assigned here now, read again from its commit: a complaint an hour behind what partition 3 reached
        var late = new ListeningItem(ComplaintAt(60), new SourcePosition(Topic, 5, 0));
        listening.Tell(new ApplyListening([late]));
        Restored();
        var waiting = Status();
        Assert.Equal((1, 0L), (waiting.Held, waiting.Late)); // not released by partition 3's frontier
        listening.Tell(new Regions.FrontierAdvanced(Start.AddHours(2)) { ByChannel = new Dictionary<string, DateTimeOffset> { [Channel] = Start.AddHours(2) } });
        Assert.Equal(1, Status().Held); // its own not known yet

        listening.Tell(new Regions.FrontierAdvanced(Start.AddHours(1.5))
        {
            ByChannel = new Dictionary<string, DateTimeOffset> { [Channel] = Start.AddHours(2), [Topic + "/5"] = Start.AddHours(1.5) },
        });
        var applied = Status();
        Assert.Equal((0, 0L, 2L), (applied.Held, applied.Late, applied.ComplaintsApplied));
    }

    [Fact]
    public void A_partition_told_its_frontier_before_its_first_messages_applies_what_it_passed_when_they_come()
    {
        var store = CreateTestProbe();
        var settings = new SnapshotSettings { EveryEvents = 1000, EveryInterval = TimeSpan.FromHours(1) };
        var listening = Sys.ActorOf(ListeningActor.Create(Catalog, new ComplaintSettings(), new Recorder(Clock), durability: new SiteDurability(settings, store, new OffsetLedger(), new SnapshotCounters())));
        listening.Tell(new Regions.FrontierAdvanced(Start.AddHours(2)) { ByChannel = new Dictionary<string, DateTimeOffset> { [Channel] = Start.AddHours(2) } });

        listening.Tell(new ApplyListening([Item(0)])); // partition 3's first message, a complaint at Start: the frontier passed it already
        var load = store.ExpectMsg<LoadSnapshot>();
        store.Reply(new LoadSnapshotResult(null, load.ToSequenceNr));

        var status = listening.Ask<ListeningStatus>(GetListeningStatus.Instance, TimeSpan.FromSeconds(5)).Result;
        Assert.Equal((0, 1L, 0L), (status.Held, status.ComplaintsApplied, status.Late)); // not waiting for the frontier's next move
    }

    [Fact]
    public void A_release_is_answered_only_after_the_save_in_flight_of_the_channel_it_takes_away()
    {
        var store = CreateTestProbe();
        var settings = new SnapshotSettings { EveryEvents = 1000, EveryInterval = TimeSpan.FromHours(1) };
        var listening = Sys.ActorOf(ListeningActor.Create(Catalog, new ComplaintSettings(), new Recorder(Clock), durability: new SiteDurability(settings, store, new OffsetLedger(), new SnapshotCounters())));
        listening.Tell(new ApplyListening([Item(0)]));
        var load = store.ExpectMsg<LoadSnapshot>();
        store.Reply(new LoadSnapshotResult(null, load.ToSequenceNr)); // nothing saved yet
        listening.Tell(SnapshotNow.Instance);
        var save = store.ExpectMsg<SaveSnapshot>(); // left unanswered

        listening.Tell(new PartitionsReleased([(Topic, 3)]));
        var settled = listening.Ask<SitesSettled>(SettleSaves.Instance, TimeSpan.FromSeconds(10));
        Assert.False(settled.Wait(TimeSpan.FromMilliseconds(500)), "answered while the channel's save was still in flight");
        listening.Tell(new SaveSnapshotSuccess(save.Metadata), store.Ref);
        Assert.True(settled.Wait(TimeSpan.FromSeconds(10)), "answered once the save was");

        // a message of the released channel still on its way (read before the revocation) is its next holder's: not
        // restored nor applied here (the status is answered after it, with nothing loaded in between)
        listening.Tell(new ApplyListening([Item(1)]));
        var status = listening.Ask<ListeningStatus>(GetListeningStatus.Instance, TimeSpan.FromSeconds(5)).Result;
        Assert.Equal(0, status.Held);
        store.ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public void A_region_held_by_another_engine_is_answered_from_its_partition_s_latest_snapshot_and_all_regions_from_both()
    {
        var catalog = new ReferenceCatalog(
            [new Site("n1", "North 1", "north"), new Site("s1", "South 1", "south")],
            [new AttributeDefinition("waiting-time", "Waiting time", 1, 5, 2)])
        {
            Listening = Catalog.Listening,
        };
        var north = $"{Topic}/{Domain.Processing.KeyPartitioner.PartitionOf("north", 12)}";
        var south = $"{Topic}/{Domain.Processing.KeyPartitioner.PartitionOf("south", 12)}";
        Assert.NotEqual(north, south); // the two regions are on two partitions of 12
        Complaint At(string site, int i) => new($"{site}-{i}", Start.AddMinutes(i), "phone", "long-wait") { SiteId = site };

        var store = CreateTestProbe();
        var settings = new SnapshotSettings { EveryEvents = 1000, EveryInterval = TimeSpan.FromHours(1) };
        var listening = Sys.ActorOf(ListeningActor.Create(catalog, new ComplaintSettings(), new Recorder(Clock), durability: new SiteDurability(settings, store, new OffsetLedger(), new SnapshotCounters())));
        listening.Tell(new RegionTopicKnown(Topic, 12));

        // this engine holds the south: 2 complaints, applied
        var southPartition = int.Parse(south[(Topic.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        listening.Tell(new PartitionsAssigned([(Topic, southPartition)]) { HearInputsFor = TimeSpan.FromSeconds(2) });
        listening.Tell(new ApplyListening([.. Enumerable.Range(0, 2).Select(i => new ListeningItem(At("s1", i), new SourcePosition(Topic, southPartition, i)))]));
        var restore = store.ExpectMsg<LoadSnapshot>();
        store.Reply(new LoadSnapshotResult(null, restore.ToSequenceNr)); // nothing saved of it yet
        listening.Tell(new Regions.FrontierAdvanced(Start.AddHours(1)));

        // another engine holds the north: 3 complaints, in its latest snapshot
        var other = new ListeningProcessor(catalog, new ComplaintSettings(), Clock);
        for (var i = 0; i < 3; i++) other.Offer(At("n1", i));
        other.Advance(Start.AddHours(1));
        var saved = SnapshotCodec.Encode(new ListeningChannelSnapshot(ListeningChannelSnapshot.CurrentVersion, north, other.Capture(), new Dictionary<string, long>()));
        void ReplyFromStore(LoadSnapshot load) => store.Reply(load.PersistenceId == $"listening-{north}"
            ? new LoadSnapshotResult(new SelectedSnapshot(new SnapshotMetadata(load.PersistenceId, 3, Clock.GetUtcNow().UtcDateTime), saved), load.ToSequenceNr)
            : new LoadSnapshotResult(null, load.ToSequenceNr));

        var northBoard = listening.Ask<ComplaintBoard>(new GetComplaintBoard("north", null, null, 30), TimeSpan.FromSeconds(5));
        var read = store.ExpectMsg<LoadSnapshot>();
        Assert.Equal($"listening-{north}", read.PersistenceId); // the north's partition only
        ReplyFromStore(read);
        Assert.Equal(3, northBoard.Result.Total);

        var southBoard = listening.Ask<ComplaintBoard>(new GetComplaintBoard("south", null, null, 30), TimeSpan.FromSeconds(5)).Result;
        Assert.Equal(2, southBoard.Total); // held here: nothing read
        store.ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        var everywhere = listening.Ask<ComplaintBoard>(new GetComplaintBoard(null, null, null, 30), TimeSpan.FromSeconds(5));
        var reads = new List<string>();
        for (var i = 0; i < 11; i++) // every partition but the one held here, each answered to its own asker
        {
            var load = store.ExpectMsg<LoadSnapshot>();
            reads.Add(load.PersistenceId);
            ReplyFromStore(load);
        }
        Assert.DoesNotContain($"listening-{south}", reads);
        Assert.Equal(11, reads.Distinct().Count());
        Assert.Equal(5, everywhere.Result.Total);

        var status = listening.Ask<ListeningStatus>(GetListeningStatus.Instance, TimeSpan.FromSeconds(5)).Result;
        Assert.Equal(2L, status.ComplaintsApplied); // read apart: nothing of the north is held here
    }
}
