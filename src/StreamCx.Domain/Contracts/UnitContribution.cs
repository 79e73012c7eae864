namespace StreamCx.Domain.Contracts;

/// <summary>A unit's part in a site's drop: its recent responses, its mean before and now, its share of the site's drop.</summary>
public sealed record UnitContribution(string UnitId, int RecentResponses, double MeanBefore, double MeanRecent, double ShareOfDrop);
