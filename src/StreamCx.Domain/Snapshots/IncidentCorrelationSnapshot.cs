using StreamCx.Domain.Incidents;

namespace StreamCx.Domain.Snapshots;

/// <summary>Everything an <see cref="IncidentCorrelation"/> holds, as plain data: the newest day seen and each site-day kept (by site, then day).</summary>
public sealed record IncidentCorrelationSnapshot(long NewestDay, IReadOnlyList<SiteDaySnapshot> Days);

/// <summary>One site and day (days since the Unix epoch, UTC): incidents by type, and ratings by attribute.</summary>
public sealed record SiteDaySnapshot(
    string SiteId, long Day, IReadOnlyDictionary<string, int> Incidents, IReadOnlyDictionary<string, DayRatings> Ratings);

/// <summary>An attribute's ratings at a site in a day, and how many of them were at or below its "dissatisfied" threshold.</summary>
public sealed record DayRatings(int Count, int Dissatisfied);
