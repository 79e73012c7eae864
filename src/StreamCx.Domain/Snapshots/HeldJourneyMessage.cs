using StreamCx.Domain.Contracts;
using StreamCx.Domain.Journeys;

namespace StreamCx.Domain.Snapshots;

/// <summary>
/// A journey message held for event time to pass it, with its arrival number (which orders messages of the same event
/// time and id). Exactly one of the four is set: each as its own concrete type, so JSON brings back what went in.
/// </summary>
public sealed record HeldJourneyMessage(
    long Arrival,
    FeedbackEvent? Feedback = null,
    JourneyStep? Step = null,
    JourneyClosed? Closed = null,
    Churn? Churn = null)
{
    public static HeldJourneyMessage Of(JourneyInput input, long arrival) => input.Signal switch
    {
        null => new(arrival, Feedback: input.Feedback),
        JourneyStep s => new(arrival, Step: s),
        JourneyClosed c => new(arrival, Closed: c),
        Churn c => new(arrival, Churn: c),
        _ => throw new ArgumentException($"no snapshot shape for journey message type {input.Signal.GetType().Name}", nameof(input)),
    };

    /// <summary>The message held; an <see cref="InvalidOperationException"/> when none or more than one is set.</summary>
    public JourneyInput ToInput() => (Feedback, Step, Closed, Churn) switch
    {
        ({ } f, null, null, null) => JourneyInput.From(f),
        (null, { } s, null, null) => JourneyInput.From(s),
        (null, null, { } c, null) => JourneyInput.From(c),
        (null, null, null, { } c) => JourneyInput.From(c),
        _ => throw new InvalidOperationException($"held message {Arrival} must carry exactly one message"),
    };
}
