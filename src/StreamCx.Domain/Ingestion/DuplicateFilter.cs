namespace StreamCx.Domain.Ingestion;

/// <summary>
/// Remembers the event ids of one site over a horizon of event time (and at most a fixed number of ids), so a
/// duplicate delivered within that horizon counts once.
/// </summary>
public sealed class DuplicateFilter(TimeSpan horizon, int maxIds)
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Queue<(DateTimeOffset At, string Id)> _order = new();

    public int Count => _ids.Count;

    public bool Contains(string eventId) => _ids.Contains(eventId);

    /// <summary>True when the id is new (and now remembered); false for a duplicate.</summary>
    public bool TryAdd(string eventId, DateTimeOffset occurredAt, DateTimeOffset newestEventTime)
    {
        if (!_ids.Add(eventId)) return false;
        _order.Enqueue((occurredAt, eventId));
        var cutoff = newestEventTime - horizon;
        while (_order.Count > 0 && (_order.Count > maxIds || _order.Peek().At < cutoff))
            _ids.Remove(_order.Dequeue().Id);
        return true;
    }

    public IEnumerable<(DateTimeOffset At, string Id)> Entries => _order;

    public void Restore(IEnumerable<(DateTimeOffset At, string Id)> entries)
    {
        _ids.Clear();
        _order.Clear();
        foreach (var e in entries) if (_ids.Add(e.Id)) _order.Enqueue(e);
    }
}
