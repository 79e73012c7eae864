using StreamCx.Domain.Contracts;

namespace StreamCx.Domain.Live;

/// <summary>
/// What one watcher wants to see: a region, a site, an attribute, a kind of factor (see <see cref="AlertKinds"/>; each
/// optional) and a minimum severity. The same filter selects the open alerts of the REST view and the events of the live stream.
/// </summary>
public sealed record AlertFilter(string? RegionId = null, string? SiteId = null, string? AttributeId = null, double MinSeverity = 0, string? Kind = null)
{
    public static AlertFilter All { get; } = new();

    /// <param name="factorKinds">The kinds of the alert's factors.</param>
    public bool Matches(string regionId, string siteId, string attributeId, double severity, IReadOnlyList<FactorKind> factorKinds) =>
        (RegionId is null || RegionId == regionId)
        && (SiteId is null || SiteId == siteId)
        && (AttributeId is null || AttributeId == attributeId)
        && severity >= MinSeverity
        && (Kind is null || AlertKinds.Selects(Kind, factorKinds));

    public bool Matches(Alert alert) => Matches(alert.RegionId, alert.SiteId, alert.AttributeId, alert.Severity, AlertKinds.Of(alert));
}
