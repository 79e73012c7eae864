namespace StreamCx.Engine.Durability;

/// <summary>
/// The highest source offset taken per source partition ("topic/partition") through one region-topic partition. An
/// intake forwards each source partition's messages in their order, so a message at or below that offset is a copy forwarded
/// again (its reader restarted, or the partition moved, and read again from the committed offset): it is taken once, however
/// far back in event time it lies (an id remembered for a horizon would not catch an old one).
/// </summary>
public sealed class SourceOffsets
{
    private readonly Dictionary<string, long> _highest = new(StringComparer.Ordinal);

    /// <summary>True (and remembered) when the message is past what was taken from its source partition; false for a copy.</summary>
    public bool Take(Pipeline.SourcePosition source) => Take(SnapshotCodec.PartitionKey(source.Topic, source.Partition), source.Offset);

    /// <summary>The same, for a source partition already named by its key ("topic/partition"): no key built per message.</summary>
    public bool Take(string partitionKey, long offset)
    {
        if (_highest.TryGetValue(partitionKey, out var highest) && offset <= highest) return false;
        _highest[partitionKey] = offset;
        return true;
    }

    public IReadOnlyDictionary<string, long> Capture() => new Dictionary<string, long>(_highest, StringComparer.Ordinal);

    public void Restore(IReadOnlyDictionary<string, long> saved)
    {
        foreach (var (k, v) in saved) _highest[k] = v;
    }
}
