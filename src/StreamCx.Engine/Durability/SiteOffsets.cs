using StreamCx.Engine.Pipeline;

namespace StreamCx.Engine.Durability;

/// <summary>
/// The source offsets one site has applied, per topic-partition, and what a capture in flight covers: the highest
/// offsets at the capture and the first offset applied after it (which stays pending once the snapshot is saved).
/// </summary>
public sealed class SiteOffsets
{
    private readonly Dictionary<string, long> _applied = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _firstAfterCapture = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> Applied => _applied;

    public int SinceCapture { get; private set; }

    public bool IsDirty => SinceCapture > 0;

    public void Restore(IReadOnlyDictionary<string, long> applied)
    {
        foreach (var (k, v) in applied) _applied[k] = v;
    }

    /// <summary>True when the snapshot this site restored already holds the message.</summary>
    public bool Covers(SourcePosition p) =>
        _applied.TryGetValue(SnapshotCodec.PartitionKey(p.Topic, p.Partition), out var applied) && p.Offset <= applied;

    public void Apply(SourcePosition? p)
    {
        SinceCapture++;
        if (p is null) return;
        var key = SnapshotCodec.PartitionKey(p.Topic, p.Partition);
        if (!_applied.TryGetValue(key, out var applied) || p.Offset > applied) _applied[key] = p.Offset;
        _firstAfterCapture.TryAdd(key, p.Offset);
    }

    /// <summary>The site's state changed without a new offset (a held event was applied): it has something to save.</summary>
    public void Changed() => SinceCapture++;

    /// <summary>A capture failed: what it covered is unsaved again, so the next tick captures anew.</summary>
    public void CaptureFailed() => SinceCapture = Math.Max(SinceCapture, 1);

    /// <summary>Starts a capture: returns the offsets it covers.</summary>
    public IReadOnlyDictionary<string, long> Capture()
    {
        SinceCapture = 0;
        _firstAfterCapture.Clear();
        return new Dictionary<string, long>(_applied, StringComparer.Ordinal);
    }

    /// <summary>For each partition the capture covered: the last message it holds and the first offset applied since (still pending), if any.</summary>
    public IEnumerable<(SourcePosition Covered, long? NextPending)> AfterCapture(IReadOnlyDictionary<string, long> captured)
    {
        foreach (var (key, covered) in captured)
            yield return (SnapshotCodec.Position(key, covered), _firstAfterCapture.TryGetValue(key, out var next) ? next : null);
    }
}
