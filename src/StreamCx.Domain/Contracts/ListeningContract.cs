namespace StreamCx.Domain.Contracts;

/// <summary>
/// A message of the other listening sources (DESIGN.md "Event types"): a complaint, an operational incident, a staff
/// report or a social mention. Every text in it is untrusted; a catalog value not in its catalog is kept as given and
/// flagged (<see cref="Flags"/>), never rejected.
/// </summary>
public abstract record ListeningEvent(string EventId, DateTimeOffset OccurredAt)
{
    /// <summary>The site it is about: required for every type but <see cref="SocialMention"/> (brand-wide when absent).</summary>
    public string? SiteId { get; init; }

    /// <summary>The verbatim (untrusted user or staff text).</summary>
    public string? Text { get; init; }

    public CatalogFlags Flags { get; init; }

    /// <summary>The value of <c>type</c> this message came with.</summary>
    public abstract string Type { get; }
}

/// <summary><c>complaint</c>: a complaint at a site, for a reason of <c>config/complaint-reasons.json</c>.</summary>
public sealed record Complaint(string EventId, DateTimeOffset OccurredAt, string Channel, string ReasonId) : ListeningEvent(EventId, OccurredAt)
{
    public string? CustomerId { get; init; }
    public string? JourneyId { get; init; }

    public override string Type => ListeningTypes.Complaint;
}

/// <summary><c>incident</c>: an operational incident at a site (a late delivery, a stock-out, a breakdown, …).</summary>
public sealed record Incident(string EventId, DateTimeOffset OccurredAt, string IncidentType) : ListeningEvent(EventId, OccurredAt)
{
    /// <summary>How big it was, in the type's own unit (minutes late, items missing, …); never negative.</summary>
    public double? Magnitude { get; init; }

    /// <summary>When it ended (at or after <see cref="ListeningEvent.OccurredAt"/>); absent while it lasts or when unknown.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    public override string Type => ListeningTypes.Incident;
}

/// <summary><c>internal-report</c>: what a member of staff in contact with customers reports (an attribute or a free topic).</summary>
public sealed record InternalReport(string EventId, DateTimeOffset OccurredAt, string ReporterRole, double Sentiment) : ListeningEvent(EventId, OccurredAt)
{
    /// <summary>An attribute of the attribute catalog; at least one of it and <see cref="Topic"/> is given.</summary>
    public string? AttributeId { get; init; }

    public string? Topic { get; init; }

    public override string Type => ListeningTypes.InternalReport;
}

/// <summary><c>social-mention</c>: a post on a social platform, about a site or (no site) about the brand.</summary>
public sealed record SocialMention(string EventId, DateTimeOffset OccurredAt, string Platform, double Sentiment, long Reach, string Url)
    : ListeningEvent(EventId, OccurredAt)
{
    public override string Type => ListeningTypes.SocialMention;
}

/// <summary>The <c>type</c> values of the listening sources, and the sentiment scale they share.</summary>
public static class ListeningTypes
{
    public const string Complaint = "complaint";
    public const string Incident = "incident";
    public const string InternalReport = "internal-report";
    public const string SocialMention = "social-mention";

    public static IReadOnlyList<string> All { get; } = [Complaint, Incident, InternalReport, SocialMention];

    public const double MinSentiment = -1, MaxSentiment = 1;

    /// <summary>Where a social mention without a site belongs: the brand as a whole (the region topic's key for it).</summary>
    public const string BrandWide = "brand";
}
