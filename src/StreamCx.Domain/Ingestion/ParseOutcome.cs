using StreamCx.Domain.Contracts;

namespace StreamCx.Domain.Ingestion;

/// <summary>Either a valid event (feedback, or a message of the journey family) or the reason it was rejected.</summary>
public readonly record struct ParseOutcome(FeedbackEvent? Event, Rejection? Rejection, JourneySignal? Signal = null)
{
    public bool IsValid => Event is not null || Signal is not null;

    public static ParseOutcome Valid(FeedbackEvent e) => new(e, null);

    public static ParseOutcome Valid(JourneySignal s) => new(null, null, s);

    public static ParseOutcome Rejected(RejectionReason reason, string message) => new(null, new Rejection(reason, message));
}
