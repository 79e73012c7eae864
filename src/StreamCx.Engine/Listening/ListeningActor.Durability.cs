using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using StreamCx.Domain.Listening;
using StreamCx.Engine.Durability;
using StreamCx.Engine.Sites;

namespace StreamCx.Engine.Listening;

/// <summary>
/// The durable side of the listening sources, one region-topic partition (channel) at a time: a channel assigned here is
/// restored from its latest snapshot before anything of it is applied (what comes meanwhile is stashed); a channel
/// released is dropped, and the release is answered once no save of it is in flight; changed channels are snapshotted
/// every <see cref="SnapshotSettings.EveryInterval"/> or <see cref="SnapshotSettings.EveryEvents"/>, and each saved
/// snapshot lets the ledger commit the offsets it covers.
/// </summary>
public sealed partial class ListeningActor
{
    private readonly Dictionary<string, SiteBook> _books = new(StringComparer.Ordinal); // a channel's offsets, snapshot sequence and save in flight
    private readonly Dictionary<string, SourceOffsets> _sources = new(StringComparer.Ordinal); // per channel, the source positions it took
    private readonly Queue<string> _loads = new();
    private readonly HashSet<string> _looked = new(StringComparer.Ordinal); // channels whose snapshot was read since they were assigned here
    private readonly HashSet<string> _released = new(StringComparer.Ordinal); // channels released and not assigned here again: what still comes of them is their next holder's
    private int _takenSinceCut;

    protected override bool TryGetBook(string key, out SiteBook book) => _books.TryGetValue(key, out book!);

    protected override string LedgerKeyOf(string key) => LedgerKey;

    private void ReceiveOwnership()
    {
        Receive<PartitionsAssigned>(m =>
        {
            if (_durability is null) return;
            foreach (var (topic, partition) in m.Partitions)
            {
                // restored whole, as a region is: another engine may have held it since this one last did
                var channel = SnapshotCodec.PartitionKey(topic, partition);
                Drop(channel);
                _looked.Remove(channel);
                _released.Remove(channel);
            }
            StartLoading(m.Partitions.Select(p => SnapshotCodec.PartitionKey(p.Topic, p.Partition)));
        });
        Receive<PartitionsReleased>(m =>
        {
            foreach (var (topic, partition) in m.Partitions)
            {
                var channel = SnapshotCodec.PartitionKey(topic, partition);
                Drop(channel);
                _looked.Remove(channel);
                _released.Add(channel);
            }
        });
        Receive<SnapshotNow>(_ => Cut());
        Receive<SnapshotTick>(_ => Cut());
        ReceiveSaveReplies();
    }

    private void Loading()
    {
        Receive<LoadSnapshotResult>(m => Loaded(m.Snapshot, null));
        Receive<LoadSnapshotFailed>(m => Loaded(null, m.Cause));
        ReceiveSaveReplies();
        ReceiveAny(_ => Stash.Stash());
    }

    /// <summary>Starts restoring the channels not read yet; true when the caller must stash its message until they are.</summary>
    private bool StartLoading(IEnumerable<string> channels)
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
        var channel = _loads.Dequeue();
        _looked.Add(channel);
        if (failure is not null)
        {
            _durability!.Counters.CountUnreadable();
            _log.Error(failure, "snapshot of {0} could not be loaded ({1}); its listening sources start empty and rebuild from what Kafka delivers", PersistenceId(channel), failure.Message);
        }
        else if (selected is not null)
        {
            Restore(channel, selected);
        }
        LoadNext();
    }

    private void Restore(string channel, SelectedSnapshot selected)
    {
        try
        {
            var snapshot = SnapshotCodec.DecodeListening(selected.Snapshot, PersistenceId(channel));
            var processor = _channels.Create();
            processor.Restore(snapshot.State);
            _channels.Put(channel, processor);
            var book = BookOf(channel);
            book.Offsets.Restore(snapshot.AppliedOffsets);
            SourcesOf(channel).Restore(snapshot.SourceOffsets ?? new Dictionary<string, long>());
            book.Sequence = selected.Metadata.SequenceNr;
            if (_frontier is { } f) Publish(processor.Advance(f)); // what it held and this engine's frontier already passed
        }
        catch (SnapshotFormatException e)
        {
            _durability!.Counters.CountUnreadable();
            _log.Error("{0}; its listening sources start empty and rebuild from what Kafka delivers", e.Message);
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

    /// <summary>Forgets a channel: its processor, offsets and any save of it still in flight (see <see cref="SettleSaves"/>).</summary>
    private void Drop(string channel)
    {
        _channels.Drop(channel);
        _sources.Remove(channel);
        if (!_books.Remove(channel, out var book)) return;
        Dropped(channel, book);
    }

    private void CountTowardsSnapshot()
    {
        if (_durability is not null) _takenSinceCut++;
    }

    private void AfterTaking()
    {
        if (_durability is not null && _takenSinceCut >= _durability.Settings.EveryEvents) Cut();
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
            var bytes = SnapshotCodec.Encode(new ListeningChannelSnapshot(ListeningChannelSnapshot.CurrentVersion, channel, _channels.Of(channel).Capture(), offsets)
            {
                SourceOffsets = SourcesOf(channel).Capture(),
            });
            saves.Add(SaveOf(channel, book, offsets, bytes, _alerts.Clock.GetUtcNow()));
        }
        SendAfterAlerts(_alerts, saves);
    }

    private sealed record SnapshotTick
    {
        public static readonly SnapshotTick Instance = new();
    }
}
