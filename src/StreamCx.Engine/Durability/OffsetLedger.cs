namespace StreamCx.Engine.Durability;

/// <summary>
/// Which source offsets may be committed: for each topic-partition, everything before the first offset that some
/// site has applied but not yet snapshotted. Rejected messages (dead-lettered) are done at once. Thread-safe.
/// </summary>
public sealed class OffsetLedger
{
    private readonly object _gate = new();
    private readonly Dictionary<(string Topic, int Partition), Partition> _partitions = new();

    /// <summary>A message needs no snapshot (rejected, or snapshots are off): it is done once handled.</summary>
    public void Done(string topic, int partition, long offset)
    {
        lock (_gate) Of(topic, partition).Seen(offset);
    }

    /// <summary>
    /// A site applied the message; it is pending until the site reports a snapshot covering it (at once when one already
    /// did: the site may have saved it before this was told).
    /// </summary>
    public void Applied(string siteId, string topic, int partition, long offset)
    {
        lock (_gate)
        {
            var p = Of(topic, partition);
            p.Seen(offset);
            if (!p.LastApplied.TryGetValue(siteId, out var last) || offset > last) p.LastApplied[siteId] = offset;
            if (p.Covered.TryGetValue(siteId, out var covered) && offset <= covered) return;
            if (!p.FirstPending.ContainsKey(siteId)) p.FirstPending[siteId] = offset;
        }
    }

    /// <summary>
    /// A site's snapshot is durable and holds its messages up to <paramref name="covered"/>; <paramref name="nextPending"/>
    /// is its first offset applied after the capture. An offset told applied above <paramref name="covered"/> and not taken in
    /// at the capture stays pending.
    /// </summary>
    public void Durable(string siteId, string topic, int partition, long covered, long? nextPending)
    {
        lock (_gate)
        {
            var p = Of(topic, partition);
            if (!p.Covered.TryGetValue(siteId, out var before) || covered > before) p.Covered[siteId] = covered;
            // told applied above what is covered but not taken in yet (the listening sources take a message after it is told):
            // still pending from the first offset after the covered one
            var first = nextPending ?? (p.LastApplied.TryGetValue(siteId, out var last) && last > covered ? covered + 1 : null);
            if (first is { } pending) p.FirstPending[siteId] = pending;
            else p.FirstPending.Remove(siteId);
        }
    }

    /// <summary>The offset to commit (the next one to read) per partition, or nothing where no progress is safe.</summary>
    public IReadOnlyList<(string Topic, int Partition, long NextOffset)> Committable()
    {
        lock (_gate)
        {
            var result = new List<(string, int, long)>();
            foreach (var ((topic, partition), p) in _partitions)
            {
                if (p.Highest is not { } highest) continue;
                var next = p.FirstPending.Count == 0 ? highest + 1 : p.FirstPending.Values.Min();
                result.Add((topic, partition, next));
            }
            return result;
        }
    }

    /// <summary>True while some site has applied messages its snapshots do not cover yet.</summary>
    public bool HasPending
    {
        get
        {
            lock (_gate) return _partitions.Values.Any(p => p.FirstPending.Count > 0);
        }
    }

    /// <summary>Forgets a partition that was revoked: its new owner starts from the committed offset.</summary>
    public void Revoke(string topic, int partition)
    {
        lock (_gate) _partitions.Remove((topic, partition));
    }

    private Partition Of(string topic, int partition)
    {
        if (!_partitions.TryGetValue((topic, partition), out var p)) _partitions[(topic, partition)] = p = new Partition();
        return p;
    }

    private sealed class Partition
    {
        public long? Highest { get; private set; }

        public Dictionary<string, long> FirstPending { get; } = new(StringComparer.Ordinal);

        /// <summary>Per site, the highest offset told applied.</summary>
        public Dictionary<string, long> LastApplied { get; } = new(StringComparer.Ordinal);

        /// <summary>Per site, the highest offset its latest durable snapshot holds.</summary>
        public Dictionary<string, long> Covered { get; } = new(StringComparer.Ordinal);

        public void Seen(long offset)
        {
            if (Highest is null || offset > Highest) Highest = offset;
        }
    }
}
