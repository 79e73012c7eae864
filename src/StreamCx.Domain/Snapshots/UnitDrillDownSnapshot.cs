using StreamCx.Domain.Units;

namespace StreamCx.Domain.Snapshots;

/// <summary>
/// Everything a <see cref="UnitDrillDown"/> holds, as plain data: the newest hour seen, the units known under each site (the
/// bound on units counts them, even those whose hours are gone), and each unit's hourly sums per attribute (by site, unit, attribute).
/// </summary>
public sealed record UnitDrillDownSnapshot(long NewestHour, IReadOnlyDictionary<string, string[]> Units, IReadOnlyList<UnitHoursSnapshot> Series);

/// <summary>One unit's ratings of one attribute at a site: the hours that have some (hours since the Unix epoch), their count and their sum.</summary>
public sealed record UnitHoursSnapshot(string SiteId, string UnitId, string AttributeId, long[] Hours, int[] Counts, double[] Sums);
