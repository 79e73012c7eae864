namespace StreamCx.Domain.Ingestion;

/// <summary>
/// Remembers the event ids of one site over a horizon of event time (and at most a fixed number of ids), so a
/// duplicate delivered within that horizon counts once.
/// </summary>
public sealed class DuplicateFilter(TimeSpan horizon, int maxIds)
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Queue<(DateTimeOffset At, string Id)> _order = new();
    private int _countAtMark; // ids remembered at the last mark
    private long _addedSinceMark, _forgottenSinceMark;

    public int Count => _ids.Count;

    public bool Contains(string eventId) => _ids.Contains(eventId);

    /// <summary>True when the id is new (and now remembered); false for a duplicate.</summary>
    public bool TryAdd(string eventId, DateTimeOffset occurredAt, DateTimeOffset newestEventTime)
    {
        if (!_ids.Add(eventId)) return false;
        _order.Enqueue((occurredAt, eventId));
        _addedSinceMark++;
        var cutoff = newestEventTime - horizon;
        while (_order.Count > 0 && (_order.Count > maxIds || _order.Peek().At < cutoff))
        {
            _ids.Remove(_order.Dequeue().Id);
            _forgottenSinceMark++;
        }
        return true;
    }

    /// <summary>
    /// What changed since the last <see cref="Mark"/> (or restore): ids are only forgotten from the oldest end and added at
    /// the newest, so the change is how many of the ids remembered then are forgotten, and the ids added since that are
    /// still remembered (oldest first). <see cref="ApplyChange"/> on the state at the mark gives the state now.
    /// </summary>
    public IdChange Change()
    {
        var kept = (int)Math.Min(_addedSinceMark, _order.Count);
        return new IdChange((int)Math.Min(_forgottenSinceMark, _countAtMark), [.. _order.Skip(_order.Count - kept)]);
    }

    /// <summary>The state now is the one a later <see cref="Change"/> starts from.</summary>
    public void Mark() => (_countAtMark, _addedSinceMark, _forgottenSinceMark) = (_order.Count, 0, 0);

    /// <summary>Applies a change taken by <see cref="Change"/> to the state it started from.</summary>
    public void ApplyChange(IdChange change)
    {
        for (var i = 0; i < change.Forgotten && _order.Count > 0; i++) _ids.Remove(_order.Dequeue().Id);
        foreach (var e in change.Added) if (_ids.Add(e.Id)) _order.Enqueue(e);
        Mark();
    }

    public IEnumerable<(DateTimeOffset At, string Id)> Entries => _order;

    public void Restore(IEnumerable<(DateTimeOffset At, string Id)> entries)
    {
        _ids.Clear();
        _order.Clear();
        foreach (var e in entries) if (_ids.Add(e.Id)) _order.Enqueue(e);
        Mark();
    }
}

/// <summary>A <see cref="DuplicateFilter"/>'s change between two marks: how many of the oldest ids it forgot, the ids it added and still holds.</summary>
public sealed record IdChange(int Forgotten, IReadOnlyList<(DateTimeOffset At, string Id)> Added);
