namespace StreamCx.Domain.ReferenceData;

/// <summary>A site (store, agency, unit); its region is its peer group.</summary>
public sealed record Site(string SiteId, string Name, string RegionId);
