namespace StreamCx.Domain.Ingestion;

/// <summary>Why a message was refused; the code is stable (metrics label, dead-letter field), the text is for people.</summary>
public sealed record Rejection(RejectionReason Reason, string Message)
{
    public string Code => Reason.ToCode();

    /// <summary>The message's <c>type</c> when it was known when the message was refused (null: not established).</summary>
    public string? MessageType { get; init; }

    public override string ToString() => $"{Code}: {Message}";
}

public enum RejectionReason
{
    NotJson,
    InvalidEncoding,
    Oversized,
    NotAnObject,
    MissingField,
    InvalidField,
    OutOfScale,
    UnknownSite,
    UnknownAttribute,
    NoScores,
    FutureTimestamp,
}

public static class RejectionReasonCodes
{
    public static string ToCode(this RejectionReason reason) => reason switch
    {
        RejectionReason.NotJson => "not-json",
        RejectionReason.InvalidEncoding => "invalid-encoding",
        RejectionReason.Oversized => "oversized",
        RejectionReason.NotAnObject => "not-an-object",
        RejectionReason.MissingField => "missing-field",
        RejectionReason.InvalidField => "invalid-field",
        RejectionReason.OutOfScale => "out-of-scale",
        RejectionReason.UnknownSite => "unknown-site",
        RejectionReason.UnknownAttribute => "unknown-attribute",
        RejectionReason.NoScores => "no-scores",
        RejectionReason.FutureTimestamp => "future-timestamp",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };

    public static IReadOnlyList<string> All { get; } = Enum.GetValues<RejectionReason>().Select(ToCode).ToArray();
}
