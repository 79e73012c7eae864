namespace StreamCx.Domain.Contracts;

/// <summary>
/// A complaint reason surges at a site: <see cref="Count"/> complaints over the last <see cref="SpanHours"/> hours where
/// <see cref="Expected"/> were expected from the larger of its own usual rate and its peers' median rate (per day), with
/// the Poisson tail probability of so many. <see cref="Catalogued"/> is false for a reason not in the catalog.
/// </summary>
public sealed record ComplaintsFactor(
    string ReasonId,
    string ReasonLabel,
    bool Catalogued,
    int Count,
    int SpanHours,
    double Expected,
    double UsualPerDay,
    double? PeersPerDay,
    int PeerCount,
    double Ratio,
    double PValue) : Factor
{
    /// <summary>The incidents at the site bearing on the reason's attribute in the alert's window.</summary>
    public IReadOnlyList<IncidentEvidence>? Incidents { get; init; }
}

/// <summary>
/// Negative mentions of a site (<see cref="SiteId"/>; null: the brand as a whole) accelerate: <see cref="Count"/> over the
/// last <see cref="SpanMinutes"/> minutes where <see cref="Expected"/> were expected from their usual rate, their velocity
/// (per hour) and reach, the Poisson tail probability of so many; <see cref="Spreading"/> names an irritant already
/// alerting at the site whose mentions now rise.
/// </summary>
public sealed record SocialFactor(
    string? SiteId,
    int Count,
    int SpanMinutes,
    double Expected,
    double UsualPerDay,
    double PerHour,
    long Reach,
    double Ratio,
    double PValue,
    string? Spreading) : Factor
{
    /// <summary>The incidents at the site in the alert's window (any type).</summary>
    public IReadOnlyList<IncidentEvidence>? Incidents { get; init; }
}

/// <summary>Incidents of one type at the alert's site bearing on its attribute in its window: how many, the first, their mean magnitude.</summary>
public sealed record IncidentEvidence(string IncidentType, int Count, DateTimeOffset Since, double? MeanMagnitude, string? Unit);

/// <summary>
/// Negative staff reports on an attribute (<see cref="AttributeId"/>) or a topic (<see cref="Topic"/>) surge at a site: their
/// count over a recent span against the larger of the site's own usual rate and its peers' median, with the Poisson tail.
/// </summary>
public sealed record InternalFactor(
    string? AttributeId,
    string? Topic,
    int Count,
    int SpanHours,
    double Expected,
    double UsualPerDay,
    double? PeersPerDay,
    int PeerCount,
    double Ratio,
    double PValue) : Factor
{
    public IReadOnlyList<IncidentEvidence>? Incidents { get; init; }
}
