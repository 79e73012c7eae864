using StreamCx.Domain.Contracts;

namespace StreamCx.Domain.Live;

/// <summary>
/// What one watcher wants to see: a region, a site, an attribute (each optional) and a minimum severity.
/// The same filter selects the open alerts of the REST view and the events of the live stream.
/// </summary>
public sealed record AlertFilter(string? RegionId = null, string? SiteId = null, string? AttributeId = null, double MinSeverity = 0)
{
    public static AlertFilter All { get; } = new();

    public bool Matches(string regionId, string siteId, string attributeId, double severity) =>
        (RegionId is null || RegionId == regionId)
        && (SiteId is null || SiteId == siteId)
        && (AttributeId is null || AttributeId == attributeId)
        && severity >= MinSeverity;

    public bool Matches(Alert alert) => Matches(alert.RegionId, alert.SiteId, alert.AttributeId, alert.Severity);
}
