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
        return Compare(x.OccurredAt, x.EventId, y.OccurredAt, y.EventId);
    }

    /// <summary>The same order for any message that has a time and an id (the journey family too).</summary>
    public static int Compare(DateTimeOffset xAt, string xId, DateTimeOffset yAt, string yId)
    {
        var byTime = xAt.UtcTicks.CompareTo(yAt.UtcTicks);
        return byTime != 0 ? byTime : string.CompareOrdinal(xId, yId);
    }
}
