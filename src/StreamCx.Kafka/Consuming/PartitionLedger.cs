using Confluent.Kafka;

namespace StreamCx.Kafka;

/// <summary>
/// What the consumer handed downstream and what downstream stored, per assigned partition, so that a
/// revocation neither loses nor repeats work. Each assignment of a partition opens a new epoch; a record
/// carries the epoch it was consumed in and is handed out only while that epoch is current. On revocation
/// the partition stops handing out records (those still buffered are dropped: the next owner reads them
/// again from the committed offset) and the consumer waits until everything already handed out is stored,
/// then commits it. Thread-safe.
/// </summary>
internal sealed class PartitionLedger
{
    private readonly object _lock = new(); // Monitor.Wait/PulseAll: not a System.Threading.Lock
    private readonly Dictionary<TopicPartition, Entry> _entries = [];
    private readonly Dictionary<TopicPartition, long> _resumeAt = [];
    private long _lastEpoch;
    private long _dropped;
    private bool _storesOffsets;

    /// <summary>Records dropped because their partition was revoked before they were handed out.</summary>
    public long DroppedCount => Interlocked.Read(ref _dropped);

    /// <summary>Opens a new epoch for each partition (consumer thread, on assignment).</summary>
    public void Assign(IEnumerable<TopicPartition> partitions)
    {
        lock (_lock)
        {
            foreach (var partition in partitions)
            {
                _entries[partition] = new Entry(++_lastEpoch);
            }
        }
    }

    /// <summary>The current epoch of <paramref name="partition"/>; 0 (never current) when it is not assigned.</summary>
    public long EpochOf(TopicPartition partition)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(partition, out var entry) && !entry.Revoked ? entry.Epoch : 0;
        }
    }

    /// <summary>
    /// True when the record may go downstream: its partition is still assigned in the same epoch. Records
    /// handed out are then waited for on revocation.
    /// </summary>
    public bool TryHandOut(ConsumedRecord record, long epoch)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(new TopicPartition(record.Topic, record.Partition), out var entry)
                && entry.Epoch == epoch
                && !entry.Revoked)
            {
                if (!record.EndOfPartition) entry.HandedOut = Math.Max(entry.HandedOut, record.Offset); // a marker is never stored
                return true;
            }
        }

        if (!record.EndOfPartition) Interlocked.Increment(ref _dropped);
        return false;
    }

    /// <summary>Downstream stored <paramref name="offset"/> (the offset of an applied record).</summary>
    public void Stored(string topic, int partition, long offset)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(new TopicPartition(topic, partition), out var entry))
            {
                entry.Stored = Math.Max(entry.Stored, offset);
                entry.StoredAny = true;
                Monitor.PulseAll(_lock);
            }

            _storesOffsets = true;
        }
    }

    /// <summary>
    /// Stops handing out records of <paramref name="partitions"/> and waits, at most <paramref name="timeout"/>,
    /// until every record handed out in their current epoch is stored (only once the application has stored
    /// some offset: one that never does commits nothing, and is not waited for). Returns the offsets to commit (stored + 1,
    /// for the partitions that stored anything) and the partitions still waiting when the time ran out.
    /// </summary>
    public (IReadOnlyList<TopicPartitionOffset> ToCommit, IReadOnlyList<TopicPartition> Undrained) Revoke(
        IReadOnlyCollection<TopicPartition> partitions, TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)Math.Max(0, timeout.TotalMilliseconds);
        lock (_lock)
        {
            var entries = new List<(TopicPartition Partition, Entry Entry)>();
            foreach (var partition in partitions)
            {
                if (_entries.TryGetValue(partition, out var entry))
                {
                    entry.Revoked = true;
                    entries.Add((partition, entry));
                }
            }

            while (true)
            {
                // An application that never stored an offset commits nothing: there is nothing to wait for.
                var waiting = _storesOffsets
                    ? entries.Where(e => e.Entry.HandedOut > e.Entry.Stored).Select(e => e.Partition).ToList()
                    : [];
                var left = deadline - Environment.TickCount64;
                if (waiting.Count == 0 || left <= 0)
                {
                    foreach (var (partition, entry) in entries)
                    {
                        if (ReferenceEquals(_entries.GetValueOrDefault(partition), entry))
                        {
                            _entries.Remove(partition);
                        }
                    }

                    var toCommit = entries
                        .Where(e => e.Entry.StoredAny)
                        .Select(e => new TopicPartitionOffset(e.Partition, new Offset(e.Entry.Stored + 1)))
                        .ToList();
                    Remember(toCommit);
                    return (toCommit, waiting);
                }

                Monitor.Wait(_lock, TimeSpan.FromMilliseconds(Math.Min(left, 100)));
            }
        }
    }

    /// <summary>Forgets partitions that were lost (no waiting, nothing to commit: another member owns them now).</summary>
    public void Lose(IEnumerable<TopicPartition> partitions)
    {
        lock (_lock)
        {
            foreach (var partition in partitions)
            {
                if (_entries.Remove(partition, out var entry) && entry.StoredAny)
                {
                    Remember([new TopicPartitionOffset(partition, new Offset(entry.Stored + 1))]);
                }
            }
        }
    }

    /// <summary>
    /// Where this consumer stopped in each of <paramref name="partitions"/> it held before (the offset after the
    /// last one stored), for the partitions it has such a position for. When that position could not be
    /// committed (a broker refusing commits during the rebalance, an outage), it is ahead of the committed one.
    /// </summary>
    public IReadOnlyDictionary<TopicPartition, long> ResumePositions(IEnumerable<TopicPartition> partitions)
    {
        lock (_lock)
        {
            return partitions.Where(_resumeAt.ContainsKey).ToDictionary(p => p, p => _resumeAt[p]);
        }
    }

    private void Remember(IEnumerable<TopicPartitionOffset> positions)
    {
        foreach (var position in positions)
        {
            _resumeAt[position.TopicPartition] = position.Offset.Value;
        }
    }

    /// <summary>Forgets everything (the consumer closed).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
            _resumeAt.Clear();
        }
    }

    private sealed class Entry(long epoch)
    {
        public long Epoch { get; } = epoch;

        public long HandedOut { get; set; } = -1;

        public long Stored { get; set; } = -1;

        public bool StoredAny { get; set; }

        public bool Revoked { get; set; }
    }
}
