using System.Text.Json.Serialization;

namespace StreamCx.Domain.Contracts;

/// <summary>One alert emission (DESIGN.md "Alert"): the same shape on Kafka, the live stream and replay output.</summary>
public sealed record Alert(
    string AlertId,
    AlertStatus Status,
    int Sequence,
    string SiteId,
    string SiteName,
    string RegionId,
    string AttributeId,
    string AttributeLabel,
    double Severity,
    SeverityLevel SeverityLevel,
    IReadOnlyList<Factor> Factors,
    ScoreSummary Score,
    DateTimeOffset RaisedAt,
    DateTimeOffset EmittedAt,
    TimeWindow Window,
    string Explanation,
    IReadOnlyList<Verbatim> Verbatims) : IWithSiteId
{
    /// <summary>
    /// The units (sellers, agents, teams) that make most of the site's drop on the attribute, for a site alert that is not
    /// resolved; null when none can be named (no unit ids, or too few responses per unit).
    /// </summary>
    public IReadOnlyList<UnitContribution>? Units { get; init; }

    /// <summary>
    /// The incidents at the site bearing on the attribute in the day before, by type, for a site alert that is not resolved;
    /// null when there are none. (Listening alerts cite theirs in their factor.)
    /// </summary>
    public IReadOnlyList<IncidentEvidence>? Incidents { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<AlertStatus>))]
public enum AlertStatus
{
    [JsonStringEnumMemberName("open")] Open,
    [JsonStringEnumMemberName("updated")] Updated,
    [JsonStringEnumMemberName("resolved")] Resolved,
}

[JsonConverter(typeof(JsonStringEnumConverter<SeverityLevel>))]
public enum SeverityLevel
{
    [JsonStringEnumMemberName("low")] Low,
    [JsonStringEnumMemberName("medium")] Medium,
    [JsonStringEnumMemberName("high")] High,
    [JsonStringEnumMemberName("critical")] Critical,
}

/// <summary>The attribute's score over the alert's recent window.</summary>
public sealed record ScoreSummary(double Mean, double DissatisfiedPct, int Count);

/// <summary>An event-time interval, start inclusive, end exclusive.</summary>
public sealed record TimeWindow(DateTimeOffset Start, DateTimeOffset End);

/// <summary>A customer's own words, kept as untrusted text.</summary>
public sealed record Verbatim(string EventId, DateTimeOffset OccurredAt, string Channel, string Text, double? Rating);
