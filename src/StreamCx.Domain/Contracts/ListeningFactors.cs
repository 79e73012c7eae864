namespace StreamCx.Domain.Contracts;

/// <summary>
/// A surge of counts at a site (complaints of a reason, negative staff reports on a subject): <see cref="Count"/> over the
/// last <see cref="SpanHours"/> hours where <see cref="Expected"/> were expected from the larger of the site's own usual
/// rate and its peers' median rate (per day), with the Poisson tail probability of so many, and the incidents cited.
/// </summary>
public abstract record CountSurgeFactor : Factor
{
    public int Count { get; init; }
    public int SpanHours { get; init; }
    public double Expected { get; init; }
    public double UsualPerDay { get; init; }
    public double? PeersPerDay { get; init; }
    public int PeerCount { get; init; }
    public double Ratio { get; init; }
    public double PValue { get; init; }

    /// <summary>The incidents at the site bearing on the subject's attribute in the day before.</summary>
    public IReadOnlyList<IncidentEvidence>? Incidents { get; init; }
}

/// <summary>A complaint reason surges at a site (<see cref="Catalogued"/> is false for a reason not in the catalog).</summary>
public sealed record ComplaintsFactor(string ReasonId, string ReasonLabel, bool Catalogued) : CountSurgeFactor;

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

/// <summary>
/// Incidents of one type at the alert's site bearing on its attribute in its window: how many, the first, their mean
/// magnitude; <see cref="MeasuredCorrelation"/> when they are cited because the correlation measured in the region ties the
/// type to the attribute (not the catalog).
/// </summary>
public sealed record IncidentEvidence(string IncidentType, int Count, DateTimeOffset Since, double? MeanMagnitude, string? Unit)
{
    public double? MeasuredCorrelation { get; init; }
}

/// <summary>Negative staff reports on an attribute (<see cref="AttributeId"/>) or a topic (<see cref="Topic"/>) surge at a site.</summary>
public sealed record InternalFactor(string? AttributeId, string? Topic) : CountSurgeFactor;

/// <summary>
/// Early warning: incidents of one type (<see cref="Catalogued"/> is false for a type not in the catalog) surge at a site, and
/// the catalog says they bear on <see cref="Affects"/> (attribute ids): the surveys on those may follow.
/// </summary>
public sealed record IncidentsFactor(string IncidentType, string IncidentLabel, bool Catalogued, IReadOnlyList<string> Affects) : CountSurgeFactor;
