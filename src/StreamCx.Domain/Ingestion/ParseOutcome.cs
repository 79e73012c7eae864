using StreamCx.Domain.Contracts;

namespace StreamCx.Domain.Ingestion;

/// <summary>Either a valid event or the reason it was rejected.</summary>
public readonly record struct ParseOutcome(FeedbackEvent? Event, Rejection? Rejection)
{
    public bool IsValid => Event is not null;

    public static ParseOutcome Valid(FeedbackEvent e) => new(e, null);

    public static ParseOutcome Rejected(RejectionReason reason, string message) => new(null, new Rejection(reason, message));
}
