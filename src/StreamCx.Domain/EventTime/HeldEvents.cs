using StreamCx.Domain.Contracts;

namespace StreamCx.Domain.EventTime;

/// <summary>
/// Events waiting for the frontier of event time, released in <see cref="EventOrder"/>. Two copies of one event (the
/// same id and time) are both kept, in arrival order, so the duplicate filter downstream sees them as replay does.
/// </summary>
public sealed class HeldEvents
{
    private readonly PriorityQueue<FeedbackEvent, (FeedbackEvent Event, long Arrival)> _queue = new(ArrivalOrder.Instance);
    private long _arrivals;

    public int Count => _queue.Count;

    /// <summary>The earliest held event's time, if any.</summary>
    public DateTimeOffset? Earliest => _queue.TryPeek(out var e, out _) ? e.OccurredAt : null;

    public IEnumerable<FeedbackEvent> Unordered => _queue.UnorderedItems.Select(x => x.Element);

    public void Hold(FeedbackEvent e) => _queue.Enqueue(e, (e, _arrivals++));

    /// <summary>Takes out, in order, every event at or before <paramref name="upTo"/>; every event when null is given for "all".</summary>
    public IEnumerable<FeedbackEvent> Release(DateTimeOffset? upTo, bool all = false)
    {
        while (_queue.TryPeek(out var next, out _) && (all || (upTo is { } limit && next.OccurredAt <= limit)))
            yield return _queue.Dequeue();
    }

    private sealed class ArrivalOrder : IComparer<(FeedbackEvent Event, long Arrival)>
    {
        public static readonly ArrivalOrder Instance = new();

        public int Compare((FeedbackEvent Event, long Arrival) x, (FeedbackEvent Event, long Arrival) y)
        {
            var byEvent = EventOrder.Instance.Compare(x.Event, y.Event);
            return byEvent != 0 ? byEvent : x.Arrival.CompareTo(y.Arrival);
        }
    }
}
