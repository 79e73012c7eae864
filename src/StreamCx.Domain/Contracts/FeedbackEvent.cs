namespace StreamCx.Domain.Contracts;

/// <summary>One piece of customer feedback, as produced by a channel system (DESIGN.md "Feedback event").</summary>
public sealed record FeedbackEvent(
    string EventId,
    DateTimeOffset OccurredAt,
    string SiteId,
    string Channel,
    IReadOnlyDictionary<string, double> Ratings) : IWithSiteId
{
    public string? Touchpoint { get; init; }
    public string? CustomerId { get; init; }
    public string? JourneyId { get; init; }
    public int? Nps { get; init; }
    public int? Csat { get; init; }
    public int? Ces { get; init; }
    public string? Comment { get; init; }
    public string? Language { get; init; }
    public string? AccountId { get; init; }
    public string? ContactRole { get; init; }
    public string? Department { get; init; }
    public FeedbackScope Scope { get; init; }
    public CatalogFlags Flags { get; init; }

    /// <summary>The seller, agent or team of the site that handled the contact.</summary>
    public string? UnitId { get; init; }

    /// <summary>Service figures: handling time of the contact (AHT), in seconds.</summary>
    public double? HandlingSeconds { get; init; }

    /// <summary>Service figures: resolved at the first contact.</summary>
    public bool? FirstContactResolution { get; init; }

    /// <summary>Service figures: contacts it took (to resolution, or so far).</summary>
    public int? ContactCount { get; init; }
}

/// <summary>Anything routed by site: the site is the unit of distribution.</summary>
public interface IWithSiteId
{
    string SiteId { get; }
}
