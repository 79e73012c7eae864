namespace StreamCx.Engine.Durability;

/// <summary>
/// What a region keeps of one of its sites beside the domain state: the source offsets it took, the ids of its events
/// held for the frontier (so a second copy counts as a duplicate at once), its snapshot sequence and the save in flight.
/// </summary>
public sealed class SiteBook
{
    public SiteOffsets Offsets { get; } = new();

    /// <summary>The source positions of the events the site took: a copy forwarded again by its intake is one at or below them.</summary>
    public SourceOffsets Sources { get; } = new();

    public HashSet<string> HeldIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Sequence number of the site's latest snapshot (saved or in flight).</summary>
    public long Sequence { get; set; }

    public SaveInFlight? Saving { get; set; }
}

/// <summary>A snapshot sent to the store and not yet confirmed: the offsets it covers, its size, when it started.</summary>
public sealed class SaveInFlight(long sequence, IReadOnlyDictionary<string, long> offsets, int size)
{
    private readonly long _startedAt = System.Diagnostics.Stopwatch.GetTimestamp();

    public long Sequence { get; } = sequence;

    public IReadOnlyDictionary<string, long> Offsets { get; } = offsets;

    public int Size { get; } = size;

    public TimeSpan Elapsed => System.Diagnostics.Stopwatch.GetElapsedTime(_startedAt);
}
