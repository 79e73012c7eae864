using StreamCx.Domain.Contracts;

namespace StreamCx.Domain.Snapshots;

/// <summary>
/// A listening message held for the frontier of event time, with its arrival number (which orders messages of the same
/// event time and id). Exactly one of the four is set: each as its own concrete type, so JSON brings back what went in.
/// </summary>
public sealed record HeldListeningMessage(
    long Arrival,
    Complaint? Complaint = null,
    Incident? Incident = null,
    InternalReport? InternalReport = null,
    SocialMention? SocialMention = null)
{
    public static HeldListeningMessage Of(ListeningEvent e, long arrival) => e switch
    {
        Complaint c => new(arrival, Complaint: c),
        Incident i => new(arrival, Incident: i),
        InternalReport r => new(arrival, InternalReport: r),
        SocialMention m => new(arrival, SocialMention: m),
        _ => throw new ArgumentException($"no snapshot shape for listening message type {e.GetType().Name}", nameof(e)),
    };

    /// <summary>The message held; an <see cref="InvalidOperationException"/> when none or more than one is set.</summary>
    public ListeningEvent ToEvent() => (Complaint, Incident, InternalReport, SocialMention) switch
    {
        ({ } c, null, null, null) => c,
        (null, { } i, null, null) => i,
        (null, null, { } r, null) => r,
        (null, null, null, { } m) => m,
        _ => throw new InvalidOperationException($"held message {Arrival} must carry exactly one message"),
    };
}
