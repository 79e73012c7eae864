using System.Runtime.CompilerServices;
using Akka.Actor;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Journeys;
using StreamCx.Domain.Processing;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Alerts;
using StreamCx.Engine.Durability;
using StreamCx.Engine.Grouping;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Regions;

namespace StreamCx.Engine.Journeys;

/// <summary>
/// This engine's journeys and B2B accounts: hosts the <see cref="JourneyProcessor"/> that <c>replay</c> runs, fed by the
/// ingestion stream in consumption order, and publishes its alerts with the sites' alerts. With <c>followsFrontier</c>
/// (the engine) it applies what it is given once the sites' router says the frontier of event time passed it
/// (<see cref="FrontierAdvanced"/>), in event order, as the regions do; else once the newest event time is
/// <see cref="JourneySettings.AllowedLateness"/> past it. Through the region topic, the intake places a journey's copies
/// by journey id and an account's by account id (<see cref="JourneyRouting"/>), whatever their sites: there is one
/// processor per region-topic partition held here (<see cref="JourneyChannels"/>), each applying the parts of the copies
/// it takes, and a journey or an account is held whole by the engine that holds its partition. With durability, each
/// partition's journeys are snapshotted with the offsets they took, restored when the partition is assigned here, dropped
/// when it goes to another engine, and their source offsets committed only once a snapshot covers them
/// (<see cref="LedgerKey"/>), as the listening sources' are (<see cref="ChannelStateActor"/>).
/// </summary>
public sealed class JourneysActor : ChannelStateActor
{
    /// <summary>The journeys' name in the offset ledger, beside the sites' ids (no site id has parentheses).</summary>
    public const string LedgerKey = "(journeys)";

    private readonly ReferenceCatalog _catalog;
    private readonly JourneySettings _settings;
    private readonly JourneyChannels _channels;
    private readonly IAlertPublisher _alerts;
    private readonly INetworkFeed? _readings;
    private readonly Dictionary<string, Chain> _chains = new(StringComparer.Ordinal);
    private readonly Func<JourneyProcessor> _apart; // a processor that reads another engine's saved partition: all in memory, for one query

    public JourneysActor(ReferenceCatalog catalog, JourneySettings settings, IAlertPublisher alerts, bool followsFrontier, SiteDurability? durability, INetworkFeed? readings)
        : base("journeys-", LedgerKey, "its journeys", alerts, durability)
    {
        (_catalog, _settings, _alerts, _readings) = (catalog, settings, alerts, readings);
        // each channel held here passivates its idle journeys onto a shelf of its own (a local file)
        _channels = new JourneyChannels(() => new JourneyProcessor(
            catalog, settings, alerts.Clock, followsFrontier, givesReadings: readings is not null, new SqliteJourneyShelf(settings.ShelfDirectory, "journeys")));
        _apart = () => new JourneyProcessor(catalog, settings, alerts.Clock, followsFrontier);
        Running();
    }

    /// <summary>Each partition gets its own copies of a message (a journey's and an account's may both be here): one processor each, always.</summary>
    protected override bool KeyedWithoutDurability => true;

    protected override void Running()
    {
        Receive<ApplyJourneyInputs>(m =>
        {
            if (StartLoading(m.Items.Select(i => ChannelOf(i.Position))))
            {
                Stash.Stash();
                return;
            }
            var touched = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in m.Items)
            {
                var channel = ChannelOf(item.Position);
                if (!Takes(channel, item.Position, item.Source)) continue;
                var processor = _channels.Of(channel);
                Publish(processor.Process(item.Input));
                SendReadings(processor);
                touched.Add(channel);
            }
            // a channel told its frontier before these came (its first messages: its processor had none to advance) applies
            // what the frontier passed now, not at its next move, which may not come while the inputs are quiet
            Advance(touched);
            AfterTaking();
        });
        Receive<FrontierAdvanced>(m =>
        {
            if (_readings is not null && m.ByChannel is { } told && StartLoading(told.Keys))
            {
                Stash.Stash(); // a channel's saved journeys first: their deadlines up to the frontier give readings too
                return;
            }
            Hear(m);
            Advance(_channels.Held);
            // after its readings up to then went to the feed: every channel told (one without journeys has nothing to give), or the one
            if (_readings is not null) Sender.Tell(new JourneysPassed(m.ByChannel ?? new Dictionary<string, DateTimeOffset> { [Unkeyed] = m.Frontier }));
        });
        Receive<GetJourney>(m => Answer(JourneyRouting.JourneyKey(m.JourneyId), c => c.Journey(m.JourneyId), p => p.Journey(m.JourneyId), j => new JourneyFound(j)));
        Receive<GetAccount>(m => Answer(JourneyRouting.AccountKey(m.AccountId), c => c.Account(m.AccountId), p => p.Account(m.AccountId), a => new AccountFound(a)));
        Receive<GetJourneyIndicators>(m => AnswerIndicators(m.By, m.Days));
        Receive<GetJourneyStatus>(_ => Sender.Tell(new JourneyStatus(
            _channels.Sum(p => p.Counters.Applied), _channels.Sum(p => p.Counters.Late), _channels.Sum(p => p.Counters.Duplicates),
            _channels.Sum(p => p.Counters.UnknownDepartments), _channels.Sum(p => p.Counters.UnknownRoles),
            (int)_channels.Sum(p => p.Journeys.Count), (int)_channels.Sum(p => p.Accounts.Count), _channels.Sum(p => p.Journeys.Dropped), (int)_channels.Sum(p => p.Held))
        {
            Passivated = _channels.Sum(p => p.Journeys.Passivated),
        }));
        ReceiveOwnership();
    }

    /// <summary>
    /// Answers a query for a journey or an account: from the channel here that holds it; else, when its partition is held
    /// by another engine, from that partition's latest snapshot (read apart, as of its last save); else none.
    /// </summary>
    private void Answer<TView>(string key, Func<JourneyChannels, TView?> held, Func<JourneyProcessor, TView?> saved, Func<TView?, object> reply)
        where TView : class
    {
        var here = held(_channels);
        if (here is not null || ChannelOfKey(key) is not { } channel || _channels.Held.Contains(channel)) // none, or its partition is here: none has it
        {
            Sender.Tell(reply(here));
            return;
        }
        var replyTo = Sender;
        var create = _apart;
        WithSaved([channel], (stored, persistenceId) => Restored(create(), stored, persistenceId), read =>
            replyTo.Tell(reply(read is [var (_, processor)] ? saved(processor) : null)));
    }

    /// <summary>
    /// Answers the journey indicators over every journey, whichever engine holds it: the channels held here, and the latest
    /// snapshot of every other partition of the region topic (read apart), over the <paramref name="days"/> of event time
    /// up to the latest any of them reached.
    /// </summary>
    private void AnswerIndicators(JourneyIndicatorScope by, int days)
    {
        var replyTo = Sender;
        var create = _apart;
        var apart = AllChannels().Where(c => !_channels.Held.Contains(c)).ToList();
        WithSaved(apart, (stored, persistenceId) => Restored(create(), stored, persistenceId), read =>
        {
            var processors = read.Where(r => !_channels.Held.Contains(r.Channel)).Select(r => r.State) // held here meanwhile: what it holds now
                .Concat(_channels.Held.Select(_channels.Of)).ToList();
            var reached = processors.Select(p => p.Reached).Max();
            var tally = new JourneyIndicatorTally(_catalog, _settings, by, reached is { } r ? (r - TimeSpan.FromDays(days)).UtcTicks : long.MinValue);
            foreach (var processor in processors) processor.Tally(tally);
            replyTo.Tell(new JourneyIndicatorsFound(reached, days, tally.Rows()));
        });
    }

    /// <summary>Applies in each of the channels what its frontier of event time passed, and sends the readings its journeys gave.</summary>
    private void Advance(IEnumerable<string> channels)
    {
        foreach (var channel in channels)
        {
            if (FrontierOf(channel) is not { } frontier) continue;
            var processor = _channels.Of(channel);
            var held = processor.Held;
            Publish(processor.Advance(frontier));
            SendReadings(processor);
            if (processor.Held != held) Changed(channel);
        }
    }

    /// <summary>A whole snapshot is saved after this many changes (a restore reads at most this many more).</summary>
    public const int ChangesPerWhole = 16;

    private static JourneyProcessor Restored(JourneyProcessor processor, IReadOnlyList<(long Sequence, object Stored)> links, string persistenceId)
    {
        try
        {
            var decoded = links.Select(l => Decode(l.Stored, persistenceId)).ToList();
            if (decoded[0].State is not { } whole || decoded.Skip(1).Any(d => d.Change is null))
                throw new SnapshotFormatException($"snapshots of {persistenceId} are not a whole one and the changes after it");
            processor.Restore(whole, decoded.Skip(1).Select(d => d.Change!));
            return processor;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or SnapshotFormatException)
        {
            processor.Dispose(); // and its shelf
            throw e as SnapshotFormatException ?? new SnapshotFormatException($"snapshot of {persistenceId} cannot be restored: {e.Message}");
        }
    }

    protected override void PostStop()
    {
        _channels.DropAll(); // their shelves' files go with them
        base.PostStop();
    }

    protected override void DropState(string channel)
    {
        _channels.Drop(channel);
        _chains.Remove(channel);
    }

    protected override long? EarlierLink(object stored, string persistenceId) =>
        Decode(stored, persistenceId) is { Change: not null } change ? change.Previous : null;

    /// <summary>
    /// A stored snapshot decoded once, however often it is asked for (its link, then its state; from the actor's thread or a
    /// query's): a whole snapshot of a large partition takes seconds to decode. Kept as long as the stored payload is.
    /// </summary>
    private static JourneyChannelSnapshot Decode(object stored, string persistenceId) =>
        DecodedSnapshots.GetValue(stored, s => SnapshotCodec.DecodeJourneys(s, persistenceId));

    private static readonly ConditionalWeakTable<object, JourneyChannelSnapshot> DecodedSnapshots = new();

    protected override ChannelCoverage RestoreState(string channel, object? stored, string persistenceId) =>
        RestoreChain(channel, [(0, stored ?? throw new SnapshotFormatException($"snapshot of {persistenceId} is empty"))], persistenceId);

    protected override ChannelCoverage RestoreChain(string channel, IReadOnlyList<(long Sequence, object Stored)> links, string persistenceId)
    {
        var processor = Restored(_channels.Create(), links, persistenceId);
        var latest = Decode(links[^1].Stored, persistenceId);
        _channels.Put(channel, processor);
        _chains[channel] = new Chain(links[0].Sequence) { Length = links.Count - 1 };
        if (FrontierOf(channel) is { } f) Publish(processor.Advance(f)); // what it held and its frontier already passed
        SendReadings(processor);
        return new ChannelCoverage(latest.AppliedOffsets, latest.SourceOffsets);
    }

    /// <summary>
    /// The channel's journeys as a changelog: what changed since its last save (the journeys changed and dropped), or whole
    /// after <see cref="ChangesPerWhole"/> changes, after a save that failed, at its first save, or when most journeys changed.
    /// </summary>
    protected override byte[] CaptureState(string channel, IReadOnlyDictionary<string, long> offsets, IReadOnlyDictionary<string, long> sources)
    {
        var processor = _channels.Of(channel);
        var previous = LastSequence(channel);
        if (!_chains.TryGetValue(channel, out var chain) || chain.Broken || previous == 0 || chain.Length >= ChangesPerWhole
            || processor.ChangedSinceCapture * 2 > processor.Journeys.Count)
        {
            _chains[channel] = new Chain(previous + 1);
            return SnapshotCodec.Encode(new JourneyChannelSnapshot(JourneyChannelSnapshot.CurrentVersion, channel, processor.Capture(), offsets, sources));
        }
        chain.Length++;
        return SnapshotCodec.Encode(new JourneyChannelSnapshot(JourneyChannelSnapshot.CurrentVersion, channel, null, offsets, sources)
        {
            Change = processor.CaptureChange(), Previous = previous, Chain = chain.Length,
        });
    }

    /// <summary>A failed save leaves a gap in the changelog: the next one is whole.</summary>
    protected override void AfterSaveFailed(string key)
    {
        if (_chains.TryGetValue(key, out var chain)) chain.Broken = true;
    }

    /// <summary>The snapshots a restore reads are kept: the whole one the changes follow, and those.</summary>
    protected override long KeepFrom(string key, SaveInFlight saving) => _chains.TryGetValue(key, out var chain) ? Math.Min(chain.Base, saving.Sequence) : saving.Sequence;

    /// <summary>A channel's changelog: the sequence number of its whole snapshot, how many changes were saved after it, whether one failed.</summary>
    private sealed class Chain(long whole)
    {
        public long Base { get; } = whole;

        public int Length { get; set; }

        public bool Broken { get; set; }
    }

    /// <summary>Sends the journey indicator readings the processor gave (with a feed: the network grouping's engine watches them).</summary>
    private void SendReadings(JourneyProcessor processor)
    {
        if (_readings is null) return;
        foreach (var reading in processor.TakeReadings()) _readings.Reading(reading);
    }

    private void Publish(IReadOnlyList<Alert> alerts)
    {
        foreach (var alert in alerts) _alerts.Publish(alert);
    }

    /// <param name="followsFrontier">True in the engine: told the frontier by the sites' router (<see cref="Sites.SitesActor"/>).</param>
    /// <param name="durability">Null: nothing saved. Messages read from Kafka are kept per region-topic partition either way.</param>
    /// <param name="readings">
    /// Where the journeys' indicator readings go (the network feed: the engine that runs the network grouping watches
    /// them), each channel's time then told its sender after each frontier (<see cref="JourneysPassed"/>); null: none given.
    /// </param>
    public static Props Create(ReferenceCatalog catalog, JourneySettings settings, IAlertPublisher alerts, bool followsFrontier = false, SiteDurability? durability = null, INetworkFeed? readings = null) =>
        Props.Create(() => new JourneysActor(catalog, settings, alerts, followsFrontier, durability, readings));
}
