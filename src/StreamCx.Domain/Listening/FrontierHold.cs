using StreamCx.Domain.EventTime;

namespace StreamCx.Domain.Listening;

/// <summary>
/// Messages offered as they come, held until the engine's frontier of event time passes them, then released in
/// <see cref="EventOrder"/> (ties in arrival order): what lets a processor fed live apply what <c>replay</c> applies, in the
/// same order. A message at or behind the frontier is not held: it is late (<see cref="IsLate"/>). What it holds can be
/// listed in release order with the arrival numbers (<see cref="InOrder"/>) and put back (<see cref="Restore"/>).
/// </summary>
public sealed class FrontierHold<T>(Func<T, DateTimeOffset> occurredAt, Func<T, string> eventId)
{
    private readonly PriorityQueue<T, (T Message, long Arrival)> _held = new(Comparer<(T Message, long Arrival)>.Create((x, y) =>
    {
        var byEvent = EventOrder.Compare(occurredAt(x.Message), eventId(x.Message), occurredAt(y.Message), eventId(y.Message));
        return byEvent != 0 ? byEvent : x.Arrival.CompareTo(y.Arrival);
    }));

    /// <summary>The frontier in UTC ticks (<see cref="long.MinValue"/> before the first).</summary>
    public long Frontier { get; private set; } = long.MinValue;

    /// <summary>The frontier, null before the first.</summary>
    public DateTimeOffset? FrontierTime => Frontier == long.MinValue ? null : new DateTimeOffset(Frontier, TimeSpan.Zero);

    /// <summary>Messages offered so far: the next arrival number.</summary>
    public long Arrivals { get; private set; }

    public int Count => _held.Count;

    /// <summary>True when the frontier already passed the message: it is to be applied at once, and counted late.</summary>
    public bool IsLate(T message) => occurredAt(message).UtcTicks <= Frontier;

    public void Hold(T message) => _held.Enqueue(message, (message, Arrivals++));

    /// <summary>Moves the frontier; false when it does not move it forward (nothing to release).</summary>
    public bool Advance(DateTimeOffset frontier)
    {
        if (frontier.UtcTicks <= Frontier) return false;
        Frontier = frontier.UtcTicks;
        return true;
    }

    /// <summary>The next held message the frontier passed, in event order.</summary>
    public bool TryRelease(out T message)
    {
        if (_held.TryPeek(out message!, out _) && occurredAt(message).UtcTicks <= Frontier)
        {
            _held.Dequeue();
            return true;
        }
        message = default!;
        return false;
    }

    /// <summary>The messages held, in the order they will be released, with their arrival numbers.</summary>
    public IEnumerable<(T Message, long Arrival)> InOrder() =>
        _held.UnorderedItems.Select(h => h.Priority).Order(_held.Comparer);

    /// <summary>Puts back what <see cref="InOrder"/>, <see cref="FrontierTime"/> and <see cref="Arrivals"/> gave (into an empty hold).</summary>
    public void Restore(IEnumerable<(T Message, long Arrival)> held, DateTimeOffset? frontier, long arrivals)
    {
        if (_held.Count > 0 || Arrivals > 0 || Frontier != long.MinValue) throw new InvalidOperationException("a hold can only be restored when empty");
        foreach (var (message, arrival) in held) _held.Enqueue(message, (message, arrival));
        Frontier = frontier?.UtcTicks ?? long.MinValue;
        Arrivals = arrivals;
    }
}
