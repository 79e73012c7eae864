using StreamCx.Domain.Contracts;

namespace StreamCx.Domain.Ingestion;

/// <summary>Either a valid event (feedback, a message of the journey family, or of the listening sources) or the reason it was rejected.</summary>
public readonly record struct ParseOutcome(FeedbackEvent? Event, Rejection? Rejection, JourneySignal? Signal = null, ListeningEvent? Listening = null)
{
    public bool IsValid => Event is not null || Signal is not null || Listening is not null;

    public static ParseOutcome Valid(FeedbackEvent e) => new(e, null);

    public static ParseOutcome Valid(JourneySignal s) => new(null, null, s);

    public static ParseOutcome Valid(ListeningEvent l) => new(null, null, null, l);

    public static ParseOutcome Rejected(RejectionReason reason, string message) => new(null, new Rejection(reason, message));
}
