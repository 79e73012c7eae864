namespace StreamCx.Domain.Live;

/// <summary>
/// The last <c>capacity</c> events of the live stream, for clients that reconnect with <c>Last-Event-ID</c>. Ids
/// increase; they need not be consecutive (a log entry that changed nothing is skipped). Not thread-safe: its owner serializes <see cref="Add"/> and <see cref="Since"/>.
/// </summary>
public sealed class ReplayBuffer
{
    private readonly LiveEvent[] _ring;
    private int _count;
    private int _next;
    private long _evictedUpTo;

    /// <param name="capacity">Events kept.</param>
    /// <param name="startPosition">The stream's position before its first event (the first id is one more).</param>
    public ReplayBuffer(int capacity, long startPosition)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(startPosition);
        _ring = new LiveEvent[capacity];
        StartPosition = Position = startPosition;
    }

    public long StartPosition { get; }

    /// <summary>Id of the newest event (the start position before any).</summary>
    public long Position { get; private set; }

    public int Count => _count;

    /// <summary>Id of the oldest event kept, or null when none is.</summary>
    public long? OldestId => _count == 0 ? null : _ring[(_next - _count + _ring.Length) % _ring.Length].Id;

    /// <summary>Adds the next event; its id must be after <see cref="Position"/>.</summary>
    public void Add(LiveEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Id <= Position) throw new ArgumentException($"event id {e.Id} does not follow position {Position}", nameof(e));
        if (_count == _ring.Length) _evictedUpTo = _ring[_next].Id;
        _ring[_next] = e;
        _next = (_next + 1) % _ring.Length;
        if (_count < _ring.Length) _count++;
        Position = e.Id;
    }

    /// <summary>Moves the position past an id that published nothing.</summary>
    public void Skip(long id)
    {
        if (id <= Position) throw new ArgumentException($"id {id} does not follow position {Position}", nameof(id));
        Position = id;
    }

    /// <summary>
    /// The events after <paramref name="lastEventId"/> that match the filter. Complete when no event after the id was
    /// dropped from the buffer; otherwise some events are gone (<see cref="ReplayGap.Missed"/>: all kept events are
    /// given) or the id was never issued by this stream (<see cref="ReplayGap.Unknown"/>: none are given).
    /// </summary>
    public ReplayResult Since(long lastEventId, AlertFilter filter)
    {
        if (lastEventId > Position) return new ReplayResult([], ReplayGap.Unknown);
        var gap = lastEventId < _evictedUpTo || lastEventId < StartPosition ? ReplayGap.Missed : ReplayGap.None;
        var events = new List<LiveEvent>();
        for (var i = 0; i < _count; i++)
        {
            var e = _ring[(_next - _count + i + _ring.Length) % _ring.Length];
            if (e.Id > lastEventId && e.Matches(filter)) events.Add(e);
        }
        return new ReplayResult(events, gap);
    }
}

public sealed record ReplayResult(IReadOnlyList<LiveEvent> Events, ReplayGap Gap);

public enum ReplayGap
{
    /// <summary>Every event after the client's id is in the replay.</summary>
    None,

    /// <summary>Events after the client's id were dropped from the buffer: the replay has only those kept.</summary>
    Missed,

    /// <summary>The id is ahead of the stream (another run, or made up): nothing can be replayed.</summary>
    Unknown,
}
