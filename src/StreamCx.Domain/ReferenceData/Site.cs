namespace StreamCx.Domain.ReferenceData;

/// <summary>
/// A site (store, agency, unit); its region is its peer group. <paramref name="TimeZone"/> (IANA, e.g. "Europe/Paris"),
/// when given, is the local time its rhythms are learned in; without it, the offset its events' <c>occurredAt</c> carry.
/// </summary>
public sealed record Site(string SiteId, string Name, string RegionId, string? TimeZone = null);
