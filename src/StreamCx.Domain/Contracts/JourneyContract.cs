using System.Text.Json.Serialization;

namespace StreamCx.Domain.Contracts;

/// <summary>A message of the journey family that carries no survey: a step, a closure or a churn (DESIGN.md "Event types").</summary>
public abstract record JourneySignal(string EventId, DateTimeOffset OccurredAt)
{
    public string? SiteId { get; init; }
    public string? CustomerId { get; init; }
    public string? AccountId { get; init; }
}

/// <summary><c>journey-step</c>: an interaction without a survey (a call, a ticket update, a technician visit).</summary>
public sealed record JourneyStep(string EventId, DateTimeOffset OccurredAt, string JourneyId, string Department, string Step)
    : JourneySignal(EventId, OccurredAt)
{
    /// <summary>Why the customer got in touch; a repeated reason is one of the red rules.</summary>
    public string? Reason { get; init; }

    public CatalogFlags Flags { get; init; }
}

/// <summary><c>journey-closed</c>: the journey ended with this outcome.</summary>
public sealed record JourneyClosed(string EventId, DateTimeOffset OccurredAt, string JourneyId, JourneyOutcome Outcome)
    : JourneySignal(EventId, OccurredAt);

/// <summary><c>churn</c>: a customer or a B2B account left (at least one of <see cref="JourneySignal.CustomerId"/>, <see cref="JourneySignal.AccountId"/>).</summary>
public sealed record Churn(string EventId, DateTimeOffset OccurredAt) : JourneySignal(EventId, OccurredAt)
{
    public string? Reason { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<JourneyOutcome>))]
public enum JourneyOutcome : byte
{
    [JsonStringEnumMemberName("resolved")] Resolved,
    [JsonStringEnumMemberName("unresolved")] Unresolved,
    [JsonStringEnumMemberName("abandoned")] Abandoned,
}

/// <summary>What a feedback survey is about: one contact (default) or the whole journey or relationship.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FeedbackScope>))]
public enum FeedbackScope : byte
{
    [JsonStringEnumMemberName("interaction")] Interaction,
    [JsonStringEnumMemberName("journey")] Journey,
}

/// <summary>Catalog values kept as given but not in the catalog: flagged and counted, never rejected.</summary>
[Flags]
public enum CatalogFlags : byte
{
    None = 0,
    UnknownDepartment = 1,
    UnknownRole = 2,

    /// <summary>A complaint <c>reason</c> not in <c>config/complaint-reasons.json</c>.</summary>
    UnknownReason = 4,

    /// <summary>An <c>incidentType</c> not in <c>config/incident-types.json</c>.</summary>
    UnknownIncidentType = 8,

    /// <summary>A <c>reporterRole</c> not in <c>config/reporter-roles.json</c>.</summary>
    UnknownReporterRole = 16,

    /// <summary>A social <c>platform</c> not in <c>config/platforms.json</c>.</summary>
    UnknownPlatform = 32,
}

/// <summary>The contact roles of a B2B account (<c>contactRole</c>); anything else is kept and flagged.</summary>
public static class ContactRoles
{
    public static IReadOnlyList<string> Known { get; } = ["user", "purchasing", "legal", "management", "other"];

    public static bool IsKnown(string role) => Known.Contains(role, StringComparer.Ordinal);
}
