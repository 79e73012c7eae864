using StreamCx.Engine.Pipeline;

namespace StreamCx.Engine.Durability;

/// <summary>
/// The one record of which source positions are durable: for each topic-partition, everything before the first message
/// that some holder (a site, the listening sources, the journeys) has applied but no saved snapshot of it covers yet.
/// Rejected messages (dead-lettered) are done at once. Each time a partition's durable prefix grows — a snapshot saved, a
/// message done — <see cref="DurableThrough"/> is raised with the last message of that prefix, in order per partition: that
/// is what gets committed, so a commit is triggered by the snapshot that covers it. Thread-safe.
/// </summary>
public sealed class OffsetLedger
{
    private readonly object _gate = new();
    private readonly Dictionary<(string Topic, int Partition), Partition> _partitions = new();
    private readonly HashSet<(string Topic, int Partition)> _revoked = new(); // until assigned here again: nothing of them is committed
    private TaskCompletionSource? _settled;

    /// <summary>
    /// A partition's durable prefix grew through this message (raised under the ledger's lock, so in order per partition;
    /// a handler must be quick and must not call back into the ledger).
    /// </summary>
    public event Action<SourcePosition>? DurableThrough;

    /// <summary>A message needs no snapshot (rejected, or snapshots are off): it is done once handled.</summary>
    public void Done(SourcePosition message)
    {
        lock (_gate)
        {
            if (Of(message) is not { } p) return;
            p.Seen(message.Offset);
            Advance(message, p);
        }
    }

    /// <summary>
    /// A holder applied the message; it is pending until the holder reports a snapshot covering it (at once when one
    /// already did: the holder may have saved it before this was told).
    /// </summary>
    public void Applied(string holder, SourcePosition message)
    {
        lock (_gate)
        {
            if (Of(message) is not { } p) return;
            p.Seen(message.Offset);
            if (!p.LastApplied.TryGetValue(holder, out var last) || message.Offset > last) p.LastApplied[holder] = message.Offset;
            if (p.Covered.TryGetValue(holder, out var covered) && message.Offset <= covered) Advance(message, p);
            else p.FirstPending.TryAdd(holder, message.Offset);
        }
    }

    /// <summary>
    /// A holder's snapshot is saved and holds its messages up to <paramref name="covered"/>; <paramref name="nextPending"/>
    /// is its first offset applied after the capture. An offset told applied above the covered one and not taken in at the
    /// capture stays pending.
    /// </summary>
    public void Durable(string holder, SourcePosition covered, long? nextPending)
    {
        lock (_gate)
        {
            if (Of(covered) is not { } p) return;
            if (!p.Covered.TryGetValue(holder, out var before) || covered.Offset > before) p.Covered[holder] = covered.Offset;
            // told applied above what is covered but not taken in yet (the listening sources take a message after it is told):
            // still pending from the first offset after the covered one
            var first = nextPending ?? (p.LastApplied.TryGetValue(holder, out var last) && last > covered.Offset ? covered.Offset + 1 : null);
            if (first is { } pending) p.FirstPending[holder] = pending;
            else p.FirstPending.Remove(holder);
            Advance(covered, p);
            SettleIfNothingPending();
        }
    }

    /// <summary>The offset to commit (the next one to read) per partition, or nothing where no progress is safe.</summary>
    public IReadOnlyList<(string Topic, int Partition, long NextOffset)> Committable()
    {
        lock (_gate)
        {
            var result = new List<(string, int, long)>();
            foreach (var ((topic, partition), p) in _partitions)
                if (p.Next is { } next) result.Add((topic, partition, next));
            return result;
        }
    }

    /// <summary>Completes once no holder has applied a message its saved snapshots do not cover (at once when none has).</summary>
    public Task Settled()
    {
        lock (_gate)
        {
            if (!_partitions.Values.Any(p => p.FirstPending.Count > 0)) return Task.CompletedTask;
            _settled ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _settled.Task;
        }
    }

    /// <summary>
    /// Forgets a partition that was revoked: its new owner starts from the committed offset. Until it is assigned here
    /// again, what is still told of it (a message read before the revocation and handled after, a save of a dropped site)
    /// is ignored: committing it would skip what its next owner must read.
    /// </summary>
    public void Revoke(string topic, int partition)
    {
        lock (_gate)
        {
            _partitions.Remove((topic, partition));
            _revoked.Add((topic, partition));
            SettleIfNothingPending();
        }
    }

    /// <summary>A partition assigned here (again): what is told of it counts from now on.</summary>
    public void Assign(string topic, int partition)
    {
        lock (_gate) _revoked.Remove((topic, partition));
    }

    private void Advance(SourcePosition message, Partition p)
    {
        if (p.Next is not { } next || next <= p.Raised) return;
        p.Raised = next;
        DurableThrough?.Invoke(message with { Offset = next - 1 });
    }

    private void SettleIfNothingPending()
    {
        if (_settled is null || _partitions.Values.Any(p => p.FirstPending.Count > 0)) return;
        _settled.SetResult();
        _settled = null;
    }

    private Partition? Of(SourcePosition message)
    {
        if (_revoked.Contains((message.Topic, message.Partition))) return null;
        if (!_partitions.TryGetValue((message.Topic, message.Partition), out var p)) _partitions[(message.Topic, message.Partition)] = p = new Partition();
        return p;
    }

    private sealed class Partition
    {
        private long? _highest;

        /// <summary>Per holder, its first offset not covered by a saved snapshot.</summary>
        public Dictionary<string, long> FirstPending { get; } = new(StringComparer.Ordinal);

        /// <summary>Per holder, the highest offset told applied.</summary>
        public Dictionary<string, long> LastApplied { get; } = new(StringComparer.Ordinal);

        /// <summary>Per holder, the highest offset its latest saved snapshot holds.</summary>
        public Dictionary<string, long> Covered { get; } = new(StringComparer.Ordinal);

        /// <summary>The next offset <see cref="DurableThrough"/> was raised for (0: none yet).</summary>
        public long Raised { get; set; }

        /// <summary>The first offset not durable yet: the next one to read after a restart.</summary>
        public long? Next => _highest is not { } highest ? null : FirstPending.Count == 0 ? highest + 1 : FirstPending.Values.Min();

        public void Seen(long offset)
        {
            if (_highest is null || offset > _highest) _highest = offset;
        }
    }
}
