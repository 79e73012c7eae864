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
    /// <summary>What of the message its processor applies (<see cref="JourneyRouting"/>); all of it in a snapshot that does not say.</summary>
    public JourneyParts Parts { get; init; } = JourneyParts.All;

    public static HeldJourneyMessage Of(JourneyInput input, long arrival) => input.Signal switch
    {
        null => new(arrival, Feedback: input.Feedback) { Parts = input.Parts },
        JourneyStep s => new(arrival, Step: s) { Parts = input.Parts },
        JourneyClosed c => new(arrival, Closed: c) { Parts = input.Parts },
        Churn c => new(arrival, Churn: c) { Parts = input.Parts },
        _ => throw new ArgumentException($"no snapshot shape for journey message type {input.Signal.GetType().Name}", nameof(input)),
    };

    /// <summary>The message held; an <see cref="InvalidOperationException"/> when none or more than one is set.</summary>
    public JourneyInput ToInput() => (Feedback, Step, Closed, Churn) switch
    {
        ({ } f, null, null, null) => JourneyInput.From(f, Parts),
        (null, { } s, null, null) => JourneyInput.From(s, Parts),
        (null, null, { } c, null) => JourneyInput.From(c, Parts),
        (null, null, null, { } c) => JourneyInput.From(c, Parts),
        _ => throw new InvalidOperationException($"held message {Arrival} must carry exactly one message"),
    };
}
