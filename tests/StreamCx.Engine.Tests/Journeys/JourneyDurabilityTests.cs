using Akka.Actor;
using Akka.Persistence;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Journeys;
using StreamCx.Engine.Durability;
using StreamCx.Engine.Journeys;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Sites;
using static StreamCx.Engine.Tests.Journeys.JourneyFixtures;

namespace StreamCx.Engine.Tests.Journeys;

/// <summary>
/// The journeys' durable side, one region-topic partition (channel) at a time, against a snapshot store probe that answers
/// when the test says so: a channel assigned here is restored before anything of it is applied, with the parts of the
/// copies it held, and skips what its snapshot holds; its next snapshot covers what came after, and only then may those
/// offsets be committed.
/// </summary>
public sealed class JourneyDurabilityTests : TestKit
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
    private const string Topic = "group.regions";
    private const string Channel = Topic + "/3";

    /// <summary>Offset i: a step of journey jrn-1, or (odd offsets) the account's copy of a survey of journey jrn-2 and account acc-1.</summary>
    private static JourneyInput InputAt(int i) => i % 2 == 0
        ? JourneyInput.From(new JourneyStep($"s{i}", Start.AddMinutes(i), "jrn-1", "support", "call") { CustomerId = "cus-1" })
        : JourneyInput.From(
            new FeedbackEvent($"f{i}", Start.AddMinutes(i), "s1", "email", RatingDictionary.Empty) { JourneyId = "jrn-2", AccountId = "acc-1", ContactRole = "user", Nps = 9 },
            JourneyParts.Accounts | JourneyParts.Counted);

    private static JourneyItem Item(int offset) => new(InputAt(offset), new SourcePosition(Topic, 3, offset));

    [Fact]
    public void A_channel_assigned_here_is_restored_first_skips_what_its_snapshot_holds_and_commits_what_came_after_once_saved()
    {
        var store = CreateTestProbe();
        var ledger = new OffsetLedger();
        var settings = new SnapshotSettings { EveryEvents = 1000, EveryInterval = TimeSpan.FromHours(1) };
        var journeys = Sys.ActorOf(JourneysActor.Create(Catalog, new JourneySettings(), new Recorder(Clock), followsFrontier: true, new SiteDurability(settings, store, ledger, new SnapshotCounters())));

        // what the channel's previous holder saved: offsets 0 to 4, held for the frontier
        var before = new JourneyProcessor(Catalog, new JourneySettings(), Clock, followsFrontier: true);
        for (var i = 0; i <= 4; i++) before.Process(InputAt(i));
        var saved = SnapshotCodec.Encode(new JourneyChannelSnapshot(
            JourneyChannelSnapshot.CurrentVersion, Channel, before.Capture(), new Dictionary<string, long> { [Channel] = 4 }, new Dictionary<string, long>()));

        journeys.Tell(new PartitionsAssigned([(Topic, 3)]));
        journeys.Tell(new ApplyJourneyInputs([.. Enumerable.Range(3, 5).Select(Item)])); // 3 and 4 again (re-read from the commit), then 5 to 7
        var load = store.ExpectMsg<LoadSnapshot>();
        Assert.Equal($"journeys-{Channel}", load.PersistenceId);
        var status = journeys.Ask<JourneyStatus>(GetJourneyStatus.Instance, TimeSpan.FromSeconds(5));
        Assert.False(status.Wait(TimeSpan.FromMilliseconds(300)), "answered before the channel was restored");
        store.Reply(new LoadSnapshotResult(new SelectedSnapshot(new SnapshotMetadata(load.PersistenceId, 7, Clock.GetUtcNow().UtcDateTime), saved), load.ToSequenceNr));

        Assert.True(status.Wait(TimeSpan.FromSeconds(5)));
        Assert.Equal(8, status.Result.Held); // 5 restored + 3 new (the two the snapshot holds are skipped); no frontier yet
        journeys.Tell(new Regions.FrontierAdvanced(Start.AddHours(1)));
        var applied = journeys.Ask<JourneyStatus>(GetJourneyStatus.Instance, TimeSpan.FromSeconds(5)).Result;
        Assert.Equal((8L, 0L, 0), (applied.Applied, applied.Duplicates, applied.Held));
        // the account's copies (restored ones too) went to the account only: the journey of those surveys is another channel's
        Assert.Equal((1, 1), (applied.Journeys, applied.Accounts));
        Assert.Null(journeys.Ask<JourneyFound>(new GetJourney("jrn-2"), TimeSpan.FromSeconds(5)).Result.Journey);

        foreach (var offset in Enumerable.Range(3, 5)) ledger.Applied(JourneysActor.LedgerKey, new(Topic, 3, offset));
        Assert.Equal(3, ledger.Committable().Single().NextOffset); // nothing after the restored snapshot is saved yet

        journeys.Tell(SnapshotNow.Instance);
        var save = store.ExpectMsg<SaveSnapshot>();
        Assert.Equal(8, save.Metadata.SequenceNr);
        var written = SnapshotCodec.DecodeJourneys(save.Snapshot, save.Metadata.PersistenceId);
        Assert.Equal(7, written.AppliedOffsets[Channel]);
        Assert.Equal(3, ledger.Committable().Single().NextOffset); // not before the store says it is saved
        store.Reply(new SaveSnapshotSuccess(save.Metadata));
        AwaitCondition(() => ledger.Committable().Single().NextOffset == 8, TimeSpan.FromSeconds(5));
    }

    private static JourneyItem StepOf(int journey, int offset) =>
        new(JourneyInput.From(new JourneyStep($"st{offset}", Start.AddMinutes(offset), $"jrn-{journey}", "support", "call") { CustomerId = $"cus-{journey}" }), new SourcePosition(Topic, 3, offset));

    /// <summary>Saves a snapshot of the channel and answers it as the store would; the snapshot as written.</summary>
    private JourneyChannelSnapshot Saved(IActorRef journeys, Akka.TestKit.TestProbe store, bool fails = false)
    {
        journeys.Tell(SnapshotNow.Instance);
        var save = store.ExpectMsg<SaveSnapshot>();
        store.Reply(fails ? new SaveSnapshotFailure(save.Metadata, new InvalidOperationException("disk full")) : new SaveSnapshotSuccess(save.Metadata));
        return SnapshotCodec.DecodeJourneys(save.Snapshot, save.Metadata.PersistenceId) with { Channel = $"{save.Metadata.SequenceNr}:{save.Snapshot.GetHashCode()}" };
    }

    [Fact]
    public void Saves_after_the_first_hold_only_the_journeys_changed_and_a_channel_is_restored_from_the_whole_one_and_the_changes_after_it()
    {
        var store = CreateTestProbe();
        var settings = new SnapshotSettings { EveryEvents = 100_000, EveryInterval = TimeSpan.FromHours(1) };
        var journeys = Sys.ActorOf(JourneysActor.Create(Catalog, new JourneySettings(), new Recorder(Clock), followsFrontier: true, new SiteDurability(settings, store, new OffsetLedger(), new SnapshotCounters())));
        journeys.Tell(new PartitionsAssigned([(Topic, 3)]));
        journeys.Tell(new ApplyJourneyInputs([.. Enumerable.Range(0, 100).Select(k => StepOf(k, k))])); // 100 journeys
        var load = store.ExpectMsg<LoadSnapshot>();
        store.Reply(new LoadSnapshotResult(null, load.ToSequenceNr));
        journeys.Tell(new Regions.FrontierAdvanced(Start.AddHours(3)));

        var whole = Saved(journeys, store);
        journeys.Tell(new ApplyJourneyInputs([StepOf(5, 200), StepOf(500, 201)]));
        journeys.Tell(new Regions.FrontierAdvanced(Start.AddHours(4)));
        var first = Saved(journeys, store);
        journeys.Tell(new ApplyJourneyInputs([StepOf(6, 202)]));
        journeys.Tell(new Regions.FrontierAdvanced(Start.AddHours(5)));
        var second = Saved(journeys, store);

        Assert.Equal(100, whole.State!.Journeys.Journeys.Count);
        Assert.Null(whole.Change);
        Assert.Null(first.State);
        Assert.Equal(("jrn-5 jrn-500", 1L, 1), (string.Join(' ', first.Change!.Journeys.Changed.Select(j => j.JourneyId)), first.Previous, first.Chain));
        Assert.Equal(("jrn-6", 2L, 2), (string.Join(' ', second.Change!.Journeys.Changed.Select(j => j.JourneyId)), second.Previous, second.Chain));
        Assert.Equal(202, second.AppliedOffsets[Channel]);
        store.ExpectNoMsg(TimeSpan.FromMilliseconds(200)); // the whole one and the changes are kept: nothing deleted

        // another engine takes the channel: it reads the latest, then each one it follows
        var next = Sys.ActorOf(JourneysActor.Create(Catalog, new JourneySettings(), new Recorder(Clock), followsFrontier: true, new SiteDurability(settings, store, new OffsetLedger(), new SnapshotCounters())));
        next.Tell(new PartitionsAssigned([(Topic, 3)]));
        next.Tell(new ApplyJourneyInputs([StepOf(6, 202), StepOf(7, 203)])); // 202 again (its snapshot holds it), then 203
        var stored = new Dictionary<long, JourneyChannelSnapshot> { [1] = whole, [2] = first, [3] = second };
        foreach (var sequence in new long[] { 3, 2, 1 })
        {
            var read = store.ExpectMsg<LoadSnapshot>();
            Assert.Equal(sequence == 3 ? long.MaxValue : sequence, read.Criteria.MaxSequenceNr);
            var payload = SnapshotCodec.Encode(stored[sequence] with { Channel = Channel });
            store.Reply(new LoadSnapshotResult(new SelectedSnapshot(new SnapshotMetadata(read.PersistenceId, sequence, Clock.GetUtcNow().UtcDateTime), payload), read.ToSequenceNr));
        }
        next.Tell(new Regions.FrontierAdvanced(Start.AddHours(6)));

        var status = next.Ask<JourneyStatus>(GetJourneyStatus.Instance, TimeSpan.FromSeconds(5)).Result;
        Assert.Equal((101, 104L), (status.Journeys, status.Applied)); // 100 and jrn-500; 103 applied before, 203 only here (202 is held by the snapshot)
        Assert.Equal(2, next.Ask<JourneyFound>(new GetJourney("jrn-5"), TimeSpan.FromSeconds(5)).Result.Journey!.Contacts);
        Assert.Equal(2, next.Ask<JourneyFound>(new GetJourney("jrn-6"), TimeSpan.FromSeconds(5)).Result.Journey!.Contacts);

        // its first save follows the latest it read; a failed save leaves a gap: the next is whole, and the older ones are deleted
        var after = Saved(next, store, fails: true);
        Assert.Equal((3L, 3), (after.Previous, after.Chain));
        next.Tell(new ApplyJourneyInputs([StepOf(8, 204)]));
        next.Tell(new Regions.FrontierAdvanced(Start.AddHours(7)));
        var again = Saved(next, store);
        Assert.NotNull(again.State);
        Assert.Equal(101, again.State!.Journeys.Journeys.Count);
        Assert.Equal(4, store.ExpectMsg<DeleteSnapshots>().Criteria.MaxSequenceNr); // the one just saved (5) stands alone
    }

    [Fact]
    public void A_snapshot_that_cannot_be_read_leaves_the_channel_empty_and_counted_unreadable()
    {
        var store = CreateTestProbe();
        var counters = new SnapshotCounters();
        var settings = new SnapshotSettings { EveryEvents = 1000, EveryInterval = TimeSpan.FromHours(1) };
        var journeys = Sys.ActorOf(JourneysActor.Create(Catalog, new JourneySettings(), new Recorder(Clock), followsFrontier: true, new SiteDurability(settings, store, new OffsetLedger(), counters)));

        journeys.Tell(new ApplyJourneyInputs([Item(0)]));
        var load = store.ExpectMsg<LoadSnapshot>();
        store.Reply(new LoadSnapshotResult(new SelectedSnapshot(new SnapshotMetadata(load.PersistenceId, 1, Clock.GetUtcNow().UtcDateTime), "not a snapshot"u8.ToArray()), load.ToSequenceNr));

        var status = journeys.Ask<JourneyStatus>(GetJourneyStatus.Instance, TimeSpan.FromSeconds(5)).Result;
        Assert.Equal(1, status.Held); // the message came in all the same
        Assert.Equal(1, counters.Unreadable);
    }

    [Fact]
    public void A_journey_held_by_another_engine_is_read_from_its_partition_s_latest_snapshot_and_one_none_holds_is_none()
    {
        var store = CreateTestProbe();
        var settings = new SnapshotSettings { EveryEvents = 1000, EveryInterval = TimeSpan.FromHours(1) };
        var journeys = Sys.ActorOf(JourneysActor.Create(Catalog, new JourneySettings(), new Recorder(Clock), followsFrontier: true, new SiteDurability(settings, store, new OffsetLedger(), new SnapshotCounters())));
        journeys.Tell(new RegionTopicKnown(Topic, 12));
        var channel = $"{Topic}/{Domain.Processing.KeyPartitioner.PartitionOf(JourneyRouting.JourneyKey("jrn-1"), 12)}";
        var other = new JourneyProcessor(Catalog, new JourneySettings(), Clock, followsFrontier: true); // what its holder saved
        for (var i = 0; i <= 4; i += 2) other.Process(InputAt(i));
        other.Advance(Start.AddHours(1));
        var saved = SnapshotCodec.Encode(new JourneyChannelSnapshot(JourneyChannelSnapshot.CurrentVersion, channel, other.Capture(), new Dictionary<string, long>(), new Dictionary<string, long>()));

        var found = journeys.Ask<JourneyFound>(new GetJourney("jrn-1"), TimeSpan.FromSeconds(5));
        var load = store.ExpectMsg<LoadSnapshot>();
        Assert.Equal($"journeys-{channel}", load.PersistenceId);
        store.Reply(new LoadSnapshotResult(new SelectedSnapshot(new SnapshotMetadata(load.PersistenceId, 3, Clock.GetUtcNow().UtcDateTime), saved), load.ToSequenceNr));
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(other.Journey("jrn-1")), System.Text.Json.JsonSerializer.Serialize(found.Result.Journey)); // arrays inside: compared as JSON

        var none = journeys.Ask<JourneyFound>(new GetJourney("jrn-404"), TimeSpan.FromSeconds(5));
        store.ExpectMsg<LoadSnapshot>();
        store.Reply(new LoadSnapshotResult(null, long.MaxValue));
        Assert.Null(none.Result.Journey);
        var status = journeys.Ask<JourneyStatus>(GetJourneyStatus.Instance, TimeSpan.FromSeconds(5)).Result;
        Assert.Equal((0, 0), (status.Journeys, status.Held)); // read apart: nothing of it is held here
    }

    [Fact]
    public void The_indicators_count_the_journeys_held_here_and_those_of_every_other_partition_s_latest_snapshot()
    {
        var store = CreateTestProbe();
        var settings = new SnapshotSettings { EveryEvents = 1000, EveryInterval = TimeSpan.FromHours(1) };
        var journeys = Sys.ActorOf(JourneysActor.Create(Catalog, new JourneySettings(), new Recorder(Clock), followsFrontier: true, new SiteDurability(settings, store, new OffsetLedger(), new SnapshotCounters())));
        journeys.Tell(new RegionTopicKnown(Topic, 12));

        // held here: partition 3 with journey jrn-1 (three steps)
        journeys.Tell(new PartitionsAssigned([(Topic, 3)]));
        journeys.Tell(new ApplyJourneyInputs([.. new[] { 0, 2, 4 }.Select(Item)]));
        var restore = store.ExpectMsg<LoadSnapshot>();
        store.Reply(new LoadSnapshotResult(null, restore.ToSequenceNr));
        journeys.Tell(new Regions.FrontierAdvanced(Start.AddHours(1)));

        // partition 5, held by another engine: journey jrn-9, four steps in three departments (red: too many of both)
        var other = new JourneyProcessor(Catalog, new JourneySettings(), Clock, followsFrontier: true);
        string[] departments = ["support", "sales", "billing", "support"];
        for (var i = 0; i < 4; i++) other.Process(JourneyInput.From(new JourneyStep($"o{i}", Start.AddMinutes(i), "jrn-9", departments[i], "call") { CustomerId = "cus-9" }));
        other.Advance(Start.AddHours(2));
        var saved = SnapshotCodec.Encode(new JourneyChannelSnapshot(JourneyChannelSnapshot.CurrentVersion, $"{Topic}/5", other.Capture(), new Dictionary<string, long>(), new Dictionary<string, long>()));

        var found = journeys.Ask<JourneyIndicatorsFound>(new GetJourneyIndicators(JourneyIndicatorScope.Region, 30), TimeSpan.FromSeconds(5));
        var reads = new List<string>();
        for (var i = 0; i < 11; i++) // every partition but the one held here, each answered to its own asker
        {
            var load = store.ExpectMsg<LoadSnapshot>();
            reads.Add(load.PersistenceId);
            store.Reply(load.PersistenceId == $"journeys-{Topic}/5"
                ? new LoadSnapshotResult(new SelectedSnapshot(new SnapshotMetadata(load.PersistenceId, 4, Clock.GetUtcNow().UtcDateTime), saved), load.ToSequenceNr)
                : new LoadSnapshotResult(null, load.ToSequenceNr));
        }
        Assert.DoesNotContain($"journeys-{Channel}", reads);
        var row = Assert.Single(found.Result.Rows);
        Assert.Equal((JourneyIndicatorTally.None, 2, 1), (row.Key, row.Journeys, row.Red)); // steps name no site: no region
        Assert.Equal((2, 0), (row.Customers, row.Churned));
        Assert.Equal(Start.AddHours(2), found.Result.Through); // the latest event time any partition reached
        var status = journeys.Ask<JourneyStatus>(GetJourneyStatus.Instance, TimeSpan.FromSeconds(5)).Result;
        Assert.Equal(1, status.Journeys); // read apart: jrn-9 is not held here
    }
}
