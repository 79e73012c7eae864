using StreamCx.Domain.Contracts;

namespace StreamCx.Domain.EventTime;

/// <summary>
/// Events waiting for the frontier of event time, released in <see cref="EventOrder"/>. Two copies of one event (the
/// same id and time) are both kept, in arrival order, so the duplicate filter downstream sees them as replay does.
/// </summary>
public sealed class HeldEvents
{
    private readonly PriorityQueue<(FeedbackEvent Event, long Tag), (FeedbackEvent Event, long Arrival)> _queue = new(ArrivalOrder.Instance);
    private long _arrivals;

    public int Count => _queue.Count;

    /// <summary>The earliest held event's time, if any.</summary>
    public DateTimeOffset? Earliest => _queue.TryPeek(out var e, out _) ? e.Event.OccurredAt : null;

    /// <summary>The held events in arrival order (e.g. to save them).</summary>
    public IEnumerable<FeedbackEvent> InArrivalOrder => _queue.UnorderedItems.OrderBy(x => x.Priority.Arrival).Select(x => x.Element.Event);

    public void Hold(FeedbackEvent e, long tag = 0) => _queue.Enqueue((e, tag), (e, _arrivals++));

    /// <summary>Takes out, in order, the next event at or before <paramref name="upTo"/> (any event when <paramref name="all"/>).</summary>
    public bool TryRelease(DateTimeOffset? upTo, out FeedbackEvent e, out long tag, bool all = false)
    {
        if (_queue.TryPeek(out var next, out _) && (all || (upTo is { } limit && next.Event.OccurredAt <= limit)))
        {
            (e, tag) = _queue.Dequeue();
            return true;
        }
        (e, tag) = (null!, 0);
        return false;
    }

    /// <summary>Takes out every held event of one site (it moved to another owner), keeping the others; returns how many.</summary>
    public int RemoveSite(string siteId)
    {
        var kept = _queue.UnorderedItems.Where(x => x.Element.Event.SiteId != siteId).ToList();
        var removed = _queue.Count - kept.Count;
        if (removed == 0) return 0;
        _queue.Clear();
        foreach (var (element, priority) in kept) _queue.Enqueue(element, priority);
        return removed;
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
