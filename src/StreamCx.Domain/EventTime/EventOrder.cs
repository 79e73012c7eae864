using StreamCx.Domain.Contracts;

namespace StreamCx.Domain.EventTime;

/// <summary>
/// The one order in which events are applied, live and in replay: event time (<see cref="DateTimeOffset.UtcTicks"/>),
/// then event id (ordinal). It depends on nothing but the events themselves, so every path that delivers the same
/// events (one topic, several, a backlog, a restart) can apply them in the same order.
/// </summary>
public sealed class EventOrder : IComparer<FeedbackEvent>
{
    public static readonly EventOrder Instance = new();

    public int Compare(FeedbackEvent? x, FeedbackEvent? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var byTime = x.OccurredAt.UtcTicks.CompareTo(y.OccurredAt.UtcTicks);
        return byTime != 0 ? byTime : string.CompareOrdinal(x.EventId, y.EventId);
    }
}
