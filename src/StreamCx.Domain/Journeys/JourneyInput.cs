using StreamCx.Domain.Contracts;
using StreamCx.Domain.EventTime;

namespace StreamCx.Domain.Journeys;

/// <summary>What the journeys see: a feedback event (with a journey or an account) or a message of the journey family.</summary>
public readonly record struct JourneyInput(FeedbackEvent? Feedback, JourneySignal? Signal)
{
    public DateTimeOffset OccurredAt => Feedback?.OccurredAt ?? Signal!.OccurredAt;

    public string EventId => Feedback?.EventId ?? Signal!.EventId;

    public static JourneyInput From(FeedbackEvent e) => new(e, null);

    public static JourneyInput From(JourneySignal s) => new(null, s);

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
