using StreamCx.Domain.Incidents;

namespace StreamCx.Domain.Snapshots;

/// <summary>One site and day (days since the Unix epoch, UTC) of its <see cref="SiteDays"/>: incidents by type, and ratings by attribute.</summary>
public sealed record SiteDaySnapshot(
    string SiteId, long Day, IReadOnlyDictionary<string, int> Incidents, IReadOnlyDictionary<string, DayRatings> Ratings);

/// <summary>An attribute's ratings at a site in a day, and how many of them were at or below its "dissatisfied" threshold.</summary>
public sealed record DayRatings(int Count, int Dissatisfied);
