using StreamCx.Domain.Contracts;
using StreamCx.Domain.EventTime;

namespace StreamCx.Domain.Journeys;

/// <summary>
/// What the journeys see: a feedback event (with a journey or an account) or a message of the journey family, and what of
/// it the processor that takes it applies (<see cref="JourneyParts"/>: all of it, unless the journeys are split over channels).
/// </summary>
public readonly record struct JourneyInput(FeedbackEvent? Feedback, JourneySignal? Signal, JourneyParts Parts = JourneyParts.All)
{
    public DateTimeOffset OccurredAt => Feedback?.OccurredAt ?? Signal!.OccurredAt;

    public string EventId => Feedback?.EventId ?? Signal!.EventId;

    public static JourneyInput From(FeedbackEvent e, JourneyParts parts = JourneyParts.All) => new(e, null, parts);

    public static JourneyInput From(JourneySignal s, JourneyParts parts = JourneyParts.All) => new(null, s, parts);

    /// <summary>This copy counts the message (see <see cref="JourneyParts.Counted"/>).</summary>
    public bool Counted => Parts.HasFlag(JourneyParts.Counted);

    /// <summary><see cref="EventOrder"/>, then arrival (two copies of one event keep their order).</summary>
    public sealed class Order : IComparer<(JourneyInput Input, long Arrival)>
    {
        public static readonly Order Instance = new();

        public int Compare((JourneyInput Input, long Arrival) x, (JourneyInput Input, long Arrival) y)
        {
            var byEvent = EventOrder.Compare(x.Input.OccurredAt, x.Input.EventId, y.Input.OccurredAt, y.Input.EventId);
            return byEvent != 0 ? byEvent : x.Arrival.CompareTo(y.Arrival);
        }
    }
}
