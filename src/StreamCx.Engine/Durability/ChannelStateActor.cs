using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using StreamCx.Domain.Processing;
using StreamCx.Engine.Alerts;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Sites;

namespace StreamCx.Engine.Durability;

/// <summary>
/// An actor that keeps its state per region-topic partition (channel) held here, durable one channel at a time (the
/// listening sources, the journeys): a channel assigned here is restored from its latest snapshot before anything of it
/// is applied (what comes meanwhile is stashed); a channel released is dropped, and what still comes of it (read before
/// the revocation) is left to its next holder; a message the channel's snapshot holds, or that it took already (a copy its
/// intake forwarded again: the same source position), is skipped; changed channels are snapshotted every
/// <see cref="SnapshotSettings.EveryInterval"/> or <see cref="SnapshotSettings.EveryEvents"/>, and each saved snapshot
/// lets the ledger commit the offsets it covers (under the subclass's ledger key). Without durability, one channel
/// (<see cref="Unkeyed"/>) holds everything and nothing is saved.
/// </summary>
public abstract class ChannelStateActor : SnapshottingActor, IWithUnboundedStash
{
    private static readonly TimeSpan SnapshotReadTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The one channel without durability (or for messages not read from Kafka).</summary>
    protected const string Unkeyed = "";

    private readonly SiteDurability? _durability;
    private readonly IAlertPublisher _alerts;
    private readonly string _ledgerKey;
    private readonly string _state;
    private readonly Dictionary<string, SiteBook> _books = new(StringComparer.Ordinal); // a channel's offsets, snapshot sequence and save in flight
    private readonly Dictionary<string, SourceOffsets> _sources = new(StringComparer.Ordinal); // per channel, the source positions it took
    private readonly Queue<string> _loads = new();
    private readonly List<(long Sequence, object Stored)> _links = []; // the snapshots read so far of the channel loading, latest first
    private readonly HashSet<string> _looked = new(StringComparer.Ordinal); // channels whose snapshot was read since they were assigned here
    private readonly HashSet<string> _released = new(StringComparer.Ordinal); // channels released and not assigned here again: what still comes of them is their next holder's
    private readonly ILoggingAdapter _channelLog = Context.GetLogger();
    private int _takenSinceCut;
    private RegionTopicKnown? _regionTopic;
    private DateTimeOffset? _slowest; // the slowest channel's frontier the router told, the highest so far
    private IReadOnlyDictionary<string, DateTimeOffset>? _byChannel; // each channel's, as last told (null: not told by channel)

    /// <param name="prefix">Of the channels' persistence ids (<c>prefix + channel</c>).</param>
    /// <param name="ledgerKey">The actor's name in the offset ledger.</param>
    /// <param name="state">What starts empty when a snapshot cannot be read, for the log ("its journeys").</param>
    /// <param name="alerts">Where the actor's alerts go: a snapshot is sent once those published before it are handled.</param>
    protected ChannelStateActor(string prefix, string ledgerKey, string state, IAlertPublisher alerts, SiteDurability? durability)
        : base(prefix, durability) => (_ledgerKey, _state, _alerts, _durability) = (ledgerKey, state, alerts, durability);

    public IStash Stash { get; set; } = null!;

    protected bool Durable => _durability is not null;

    /// <summary>The actor's behaviour once no channel is loading.</summary>
    protected abstract void Running();

    /// <summary>Forgets the channel's state (it moved to another engine, or is read again from its snapshot).</summary>
    protected abstract void DropState(string channel);

    /// <summary>Decodes the stored snapshot of the channel (or throws <see cref="SnapshotFormatException"/>) and holds the state it restores.</summary>
    protected abstract ChannelCoverage RestoreState(string channel, object? stored, string persistenceId);

    /// <summary>
    /// For a state saved as a changelog (a whole snapshot, then snapshots of what changed, each naming the one before): the
    /// sequence number of the snapshot a stored one follows, or null when it stands alone (the default: every snapshot is
    /// whole). A channel is then restored from the chain of them (<see cref="RestoreChain"/>).
    /// </summary>
    protected virtual long? EarlierLink(object stored, string persistenceId) => null;

    /// <summary>Restores a channel from its chain of snapshots, oldest (whole) first, each with its sequence number; by default the one.</summary>
    protected virtual ChannelCoverage RestoreChain(string channel, IReadOnlyList<(long Sequence, object Stored)> links, string persistenceId) =>
        RestoreState(channel, links[^1].Stored, persistenceId);

    /// <summary>The sequence number of the channel's last save (sent or restored), 0 before any.</summary>
    protected long LastSequence(string channel) => BookOf(channel).Sequence;

    /// <summary>The channel's snapshot, with the offsets and source positions it covers.</summary>
    protected abstract byte[] CaptureState(string channel, IReadOnlyDictionary<string, long> offsets, IReadOnlyDictionary<string, long> sources);

    protected override bool TryGetBook(string key, out SiteBook book) => _books.TryGetValue(key, out book!);

    protected override string LedgerKeyOf(string key) => _ledgerKey;

    protected override void PreStart()
    {
        if (_durability is not null) Timers.StartPeriodicTimer(SnapshotTick.Instance, SnapshotTick.Instance, _durability.Settings.EveryInterval);
    }

    /// <summary>Whether messages read from Kafka are kept per partition without durability too (else one channel holds them all).</summary>
    protected virtual bool KeyedWithoutDurability => false;

    protected string ChannelOf(SourcePosition? position) =>
        position is null || (_durability is null && !KeyedWithoutDurability) ? Unkeyed : SnapshotCodec.PartitionKey(position.Topic, position.Partition);

    /// <summary>
    /// Whether the channel of a message takes it: not when its restored snapshot already holds the message, when the
    /// channel took it already (a copy its intake forwarded again from the source's committed offset after a restart or
    /// a rebalance: the same source position), or when the channel was released (read before its partition was revoked
    /// and still on its way: its next holder reads it again).
    /// </summary>
    protected bool Takes(string channel, SourcePosition? position, SourcePosition? source)
    {
        if (_released.Contains(channel)) return false;
        var book = BookOf(channel);
        if (position is not null && book.Offsets.Covers(position)) return false;
        if (source is not null && _durability is not null && !SourcesOf(channel).Take(source)) return false;
        book.Offsets.Apply(position);
        if (_durability is not null) _takenSinceCut++;
        return true;
    }

    /// <summary>The channel's state changed without a message (the frontier released what it held): its next cut saves it.</summary>
    protected void Changed(string channel) => BookOf(channel).Offsets.Changed();

    /// <summary>
    /// For a query: reads the latest snapshot of each channel (held by other engines) and restores it apart, off the actor's
    /// thread (<paramref name="restore"/> must touch nothing of the actor); then runs <paramref name="then"/> on the actor's
    /// thread with the states restored, never held (a channel without a snapshot, or with one that cannot be read, is left out).
    /// </summary>
    protected void WithSaved<TState>(IReadOnlyCollection<string> channels, Func<IReadOnlyList<(long Sequence, object Stored)>, string, TState> restore, Action<IReadOnlyList<(string Channel, TState State)>> then)
        where TState : class
    {
        if (channels.Count == 0)
        {
            then([]);
            return;
        }
        var reads = channels.Select(channel =>
        {
            var persistenceId = PersistenceId(channel);
            return ReadChainAsync(channel).ContinueWith(t => (Channel: channel, State: RestoreApart(t.Result, persistenceId, restore)), TaskScheduler.Default);
        });
        Task.WhenAll(reads)
            .ContinueWith(t => new SavedRead(() => then([.. t.Result.Where(r => r.State is not null).Select(r => (r.Channel, r.State!))])), TaskScheduler.Default)
            .PipeTo(Self);
    }

    private static TState? RestoreApart<TState>(IReadOnlyList<(long, object)>? stored, string persistenceId, Func<IReadOnlyList<(long, object)>, string, TState> restore)
        where TState : class
    {
        if (stored is null) return null;
        try
        {
            return restore(stored, persistenceId);
        }
        catch (Exception e) when (e is SnapshotFormatException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>
    /// The latest snapshot of a channel and those it follows (<see cref="EarlierLink"/>), oldest first, with their sequence
    /// numbers; null when there is none, or one cannot be read or is missing. Off the actor's thread: it touches nothing of it.
    /// </summary>
    private async Task<IReadOnlyList<(long, object)>?> ReadChainAsync(string channel)
    {
        if (_durability is null) return null;
        var persistenceId = PersistenceId(channel);
        var links = new List<(long, object)>();
        var criteria = SnapshotSelectionCriteria.Latest;
        try
        {
            while (true)
            {
                var answer = await _durability.SnapshotStore.Ask<object>(new LoadSnapshot(persistenceId, criteria, long.MaxValue), SnapshotReadTimeout).ConfigureAwait(false);
                if (answer is not LoadSnapshotResult { Snapshot: { } selected }) return null;
                links.Add((selected.Metadata.SequenceNr, selected.Snapshot));
                if (EarlierLink(selected.Snapshot, persistenceId) is not { } earlier)
                {
                    links.Reverse();
                    return links;
                }
                criteria = Exactly(earlier);
            }
        }
        catch (Exception e) when (e is SnapshotFormatException or AskTimeoutException or ArgumentException)
        {
            return null;
        }
    }

    private static SnapshotSelectionCriteria Exactly(long sequence) => new(sequence, DateTime.MaxValue, sequence, DateTime.MinValue);

    /// <summary>The channel of the region-topic partition a key goes to (a region, a journey, an account); null before the topic is known.</summary>
    protected string? ChannelOfKey(string key) =>
        _regionTopic is { } topic ? SnapshotCodec.PartitionKey(topic.Topic, KeyPartitioner.PartitionOf(key, topic.Partitions)) : null;

    /// <summary>Every channel of the region topic, held here or not; none before the topic is known.</summary>
    protected IReadOnlyList<string> AllChannels() =>
        _regionTopic is { } topic ? [.. Enumerable.Range(0, topic.Partitions).Select(p => SnapshotCodec.PartitionKey(topic.Topic, p))] : [];

    /// <summary>After a batch was taken: snapshots when enough was taken since the last cut.</summary>
    protected void AfterTaking()
    {
        if (_durability is not null && _takenSinceCut >= _durability.Settings.EveryEvents) Cut();
    }

    /// <summary>Assignments, releases and the snapshot cadence; the store's answers.</summary>
    protected void ReceiveOwnership()
    {
        // a channel assigned here is restored whole (another engine may have held it since this one last did); one released
        // is its next holder's, with whatever of it is still on its way
        Receive<PartitionsAssigned>(m => StartLoading(Reset(m.Partitions, released: false)));
        Receive<PartitionsReleased>(m => Reset(m.Partitions, released: true));
        Receive<SnapshotNow>(_ => Cut());
        Receive<SnapshotTick>(_ => Cut());
        Receive<RegionTopicKnown>(m => _regionTopic = m);
        Receive<SavedRead>(m => m.Continue());
        ReceiveSaveReplies();
    }

    /// <summary>Remembers the frontier the router told: the slowest channel's, and each channel's when it tells them.</summary>
    protected void Hear(Regions.FrontierAdvanced m)
    {
        if (_slowest is null || m.Frontier > _slowest) _slowest = m.Frontier;
        _byChannel = m.ByChannel;
    }

    /// <summary>
    /// How far a channel's state may be advanced: its own partition's frontier when the router tells them by channel (null
    /// while not known: a channel just assigned here waits for what it is read again), else (one channel holds everything,
    /// or none was named) the slowest channel's.
    /// </summary>
    protected DateTimeOffset? FrontierOf(string channel) =>
        channel == Unkeyed || _byChannel is null ? _slowest : _byChannel.TryGetValue(channel, out var own) ? own : null;

    /// <summary>Forgets the partitions' channels and whether their snapshot was read; the channels.</summary>
    private List<string> Reset(IEnumerable<(string Topic, int Partition)> partitions, bool released)
    {
        var channels = partitions.Select(p => SnapshotCodec.PartitionKey(p.Topic, p.Partition)).ToList();
        foreach (var channel in channels)
        {
            Drop(channel);
            _looked.Remove(channel);
            if (released) _released.Add(channel);
            else _released.Remove(channel);
        }
        return channels;
    }

    /// <summary>Starts restoring the channels not read yet; true when the caller must stash its message until they are.</summary>
    protected bool StartLoading(IEnumerable<string> channels)
    {
        if (_durability is null) return false;
        var queued = false;
        foreach (var channel in channels)
        {
            if (channel == Unkeyed || _looked.Contains(channel) || _loads.Contains(channel) || _released.Contains(channel)) continue;
            _loads.Enqueue(channel);
            queued = true;
        }
        if (queued)
        {
            Become(Loading);
            LoadNext();
        }
        return queued;
    }

    private void Loading()
    {
        Receive<LoadSnapshotResult>(m => Loaded(m.Snapshot, null));
        Receive<LoadSnapshotFailed>(m => Loaded(null, m.Cause));
        ReceiveSaveReplies();
        ReceiveAny(_ => Stash.Stash());
    }

    private void LoadNext()
    {
        if (_loads.TryPeek(out var next))
        {
            _durability!.SnapshotStore.Tell(new LoadSnapshot(PersistenceId(next), SnapshotSelectionCriteria.Latest, long.MaxValue));
            return;
        }
        Become(Running);
        Stash.UnstashAll();
    }

    private void Loaded(SelectedSnapshot? selected, Exception? failure)
    {
        var channel = _loads.Peek();
        var persistenceId = PersistenceId(channel);
        if (failure is null && selected is not null)
        {
            _links.Add((selected.Metadata.SequenceNr, selected.Snapshot));
            long? earlier;
            try
            {
                earlier = EarlierLink(selected.Snapshot, persistenceId);
            }
            catch (SnapshotFormatException e)
            {
                earlier = null;
                failure = e;
            }
            if (earlier is { } sequence && failure is null)
            {
                _durability!.SnapshotStore.Tell(new LoadSnapshot(persistenceId, Exactly(sequence), long.MaxValue)); // the snapshot it follows
                return;
            }
        }
        else if (failure is null && _links.Count > 0)
        {
            failure = new SnapshotFormatException($"snapshot {_links[^1].Sequence} of {persistenceId} follows one that is not in the store");
        }
        _loads.Dequeue();
        _looked.Add(channel);
        if (failure is not null)
        {
            _durability!.Counters.CountUnreadable();
            _channelLog.Error(failure, "snapshot of {0} could not be loaded ({1}); {2} start empty and rebuild from what Kafka delivers", persistenceId, failure.Message, _state);
        }
        else if (_links.Count > 0)
        {
            _links.Reverse();
            Restore(channel, _links);
        }
        _links.Clear();
        LoadNext();
    }

    private void Restore(string channel, IReadOnlyList<(long Sequence, object Stored)> links)
    {
        try
        {
            var covered = RestoreChain(channel, links, PersistenceId(channel));
            var book = BookOf(channel);
            book.Offsets.Restore(covered.AppliedOffsets);
            SourcesOf(channel).Restore(covered.SourceOffsets ?? new Dictionary<string, long>());
            book.Sequence = links[^1].Sequence;
        }
        catch (SnapshotFormatException e)
        {
            _durability!.Counters.CountUnreadable();
            _channelLog.Error("{0}; {1} start empty and rebuild from what Kafka delivers", e.Message, _state);
        }
    }

    private SourceOffsets SourcesOf(string channel)
    {
        if (!_sources.TryGetValue(channel, out var sources)) _sources[channel] = sources = new SourceOffsets();
        return sources;
    }

    private SiteBook BookOf(string channel)
    {
        if (!_books.TryGetValue(channel, out var book)) _books[channel] = book = new SiteBook();
        return book;
    }

    /// <summary>Forgets a channel: its state, offsets and any save of it still in flight (see <see cref="SettleSaves"/>).</summary>
    private void Drop(string channel)
    {
        DropState(channel);
        _sources.Remove(channel);
        if (_books.Remove(channel, out var book)) Dropped(channel, book);
    }

    /// <summary>Snapshots every channel with unsaved changes whose previous save is answered.</summary>
    private void Cut()
    {
        if (_durability is null) return;
        _takenSinceCut = 0;
        var saves = new List<PendingSave>();
        foreach (var (channel, book) in _books)
        {
            if (!book.Offsets.IsDirty || book.Saving is not null || channel == Unkeyed) continue;
            var offsets = book.Offsets.Capture();
            var bytes = CaptureState(channel, offsets, SourcesOf(channel).Capture());
            saves.Add(SaveOf(channel, book, offsets, bytes, _alerts.Clock.GetUtcNow()));
        }
        SendAfterAlerts(_alerts, saves);
    }

    /// <summary>Snapshots read apart for a query: what to do with them, on the actor's thread.</summary>
    private sealed record SavedRead(Action Continue);

    private sealed record SnapshotTick
    {
        public static readonly SnapshotTick Instance = new();
    }
}

/// <summary>
/// The region topic's name and partition count (told once the intake knows them): what a query needs of a partition this
/// engine does not hold (a journey, an account, a region's listening sources) is then read from that partition's latest
/// snapshot.
/// </summary>
public sealed record RegionTopicKnown(string Topic, int Partitions);

/// <summary>What a channel's restored snapshot covers: the offsets it had taken per topic-partition, and per source partition.</summary>
public sealed record ChannelCoverage(IReadOnlyDictionary<string, long> AppliedOffsets, IReadOnlyDictionary<string, long>? SourceOffsets);
