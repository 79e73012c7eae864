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
