using StreamCx.Domain.EventTime;

namespace StreamCx.Domain.Listening;

/// <summary>
/// Messages offered as they come, held until the engine's frontier of event time passes them, then released in
/// <see cref="EventOrder"/> (ties in arrival order): what lets a processor fed live apply what <c>replay</c> applies, in the
/// same order. A message at or behind the frontier is not held: it is late (<see cref="IsLate"/>).
/// </summary>
public sealed class FrontierHold<T>(Func<T, DateTimeOffset> occurredAt, Func<T, string> eventId)
{
    private readonly PriorityQueue<T, (T Message, long Arrival)> _held = new(Comparer<(T Message, long Arrival)>.Create((x, y) =>
    {
        var byEvent = EventOrder.Compare(occurredAt(x.Message), eventId(x.Message), occurredAt(y.Message), eventId(y.Message));
        return byEvent != 0 ? byEvent : x.Arrival.CompareTo(y.Arrival);
    }));
    private long _arrivals;

    /// <summary>The frontier in UTC ticks (<see cref="long.MinValue"/> before the first).</summary>
    public long Frontier { get; private set; } = long.MinValue;

    public int Count => _held.Count;

    /// <summary>True when the frontier already passed the message: it is to be applied at once, and counted late.</summary>
    public bool IsLate(T message) => occurredAt(message).UtcTicks <= Frontier;

    public void Hold(T message) => _held.Enqueue(message, (message, _arrivals++));

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
}
