using System.Collections.Frozen;

namespace StreamCx.Domain.ReferenceData;

/// <summary>Sites and attributes the engine knows, with fast lookups.</summary>
public sealed class ReferenceCatalog
{
    private readonly FrozenDictionary<string, Site> _sites;
    private readonly FrozenDictionary<string, AttributeDefinition> _attributes;

    public ReferenceCatalog(IEnumerable<Site> sites, IEnumerable<AttributeDefinition> attributes)
    {
        Sites = sites.ToArray();
        Attributes = attributes.ToArray();
        _sites = Sites.ToFrozenDictionary(s => s.SiteId, StringComparer.Ordinal);
        _attributes = Attributes.ToFrozenDictionary(a => a.AttributeId, StringComparer.Ordinal);
        Regions = Sites.Select(s => s.RegionId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
    }

    public IReadOnlyList<Site> Sites { get; }

    public IReadOnlyList<AttributeDefinition> Attributes { get; }

    public IReadOnlyList<string> Regions { get; }

    public bool TryGetSite(string siteId, out Site site) => _sites.TryGetValue(siteId, out site!);

    public bool TryGetAttribute(string attributeId, out AttributeDefinition attribute) =>
        _attributes.TryGetValue(attributeId, out attribute!);

    public Site Site(string siteId) => _sites[siteId];

    public AttributeDefinition Attribute(string attributeId) => _attributes[attributeId];

    public IEnumerable<Site> SitesIn(string regionId) => Sites.Where(s => s.RegionId == regionId);
}
