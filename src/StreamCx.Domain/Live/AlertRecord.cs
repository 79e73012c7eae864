using System.Text.Json.Serialization;
using StreamCx.Domain.Contracts;

namespace StreamCx.Domain.Live;

/// <summary>
/// What the store knows of one alert: its latest emission, whether it is open, who acknowledged or resolved it by
/// hand, and (in the detailed view) its history. An immutable copy, safe to serialize outside the store's lock.
/// </summary>
public sealed record AlertRecord(
    Alert Alert,
    bool Open,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset LastChangedAt,
    AlertAction? Acknowledgement,
    AlertAction? ResolvedByHand,
    IReadOnlyList<AlertHistoryEntry>? History = null,
    int HistoryDropped = 0);

/// <summary>One step in an alert's life: an emission of the engine, or a person's action.</summary>
public sealed record AlertHistoryEntry(
    AlertHistoryKind Kind,
    DateTimeOffset At,
    AlertStatus? Status = null,
    int? Sequence = null,
    double? Severity = null,
    SeverityLevel? SeverityLevel = null,
    IReadOnlyList<Factor>? Factors = null,
    string? Explanation = null,
    string? By = null,
    string? Note = null)
{
    public static AlertHistoryEntry Emission(Alert a) =>
        new(AlertHistoryKind.Emission, a.EmittedAt, a.Status, a.Sequence, a.Severity, a.SeverityLevel, a.Factors, a.Explanation);

    public static AlertHistoryEntry Action(AlertHistoryKind kind, AlertAction action) => new(kind, action.At, By: action.By, Note: action.Note);
}

[JsonConverter(typeof(JsonStringEnumConverter<AlertHistoryKind>))]
public enum AlertHistoryKind
{
    [JsonStringEnumMemberName("emission")] Emission,
    [JsonStringEnumMemberName("acknowledged")] Acknowledged,
    [JsonStringEnumMemberName("resolved-by-hand")] ResolvedByHand,
}

/// <summary>What became of an action on an alert.</summary>
public enum StoreOutcome
{
    Done,
    NotFound,
    AlreadyClosed,
}

public sealed record StoreResult(StoreOutcome Outcome, AlertRecord? Record);
