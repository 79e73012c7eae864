using StreamCx.Domain.Units;

namespace StreamCx.Domain.Snapshots;

/// <summary>
/// Everything a site's <see cref="SiteUnits"/> holds, as plain data: the newest hour seen, the units known (the bound on units
/// counts them, even those whose hours are gone), and each unit's hourly sums per attribute (by unit, attribute).
/// </summary>
public sealed record SiteUnitsSnapshot(long NewestHour, string[] Units, IReadOnlyList<UnitHoursSnapshot> Series);

/// <summary>One unit's ratings of one attribute at a site: the hours that have some (hours since the Unix epoch), their count and their sum.</summary>
public sealed record UnitHoursSnapshot(string UnitId, string AttributeId, long[] Hours, int[] Counts, double[] Sums);
