using System.Collections.Frozen;

namespace StreamCx.Domain.ReferenceData;

/// <summary>Sites, attributes, departments and the listening catalogs the engine knows, with fast lookups.</summary>
public sealed class ReferenceCatalog
{
    private readonly FrozenDictionary<string, Site> _sites;
    private readonly FrozenDictionary<string, AttributeDefinition> _attributes;
    private readonly FrozenDictionary<string, Site>.AlternateLookup<ReadOnlySpan<char>> _sitesBySpan;
    private readonly FrozenDictionary<string, AttributeDefinition>.AlternateLookup<ReadOnlySpan<char>> _attributesBySpan;

    private readonly FrozenDictionary<string, Department> _departments;

    public ReferenceCatalog(IEnumerable<Site> sites, IEnumerable<AttributeDefinition> attributes, IEnumerable<Department>? departments = null)
    {
        Departments = departments?.ToArray() ?? [];
        _departments = Departments.ToFrozenDictionary(d => d.DepartmentId, StringComparer.Ordinal);
        Sites = sites.ToArray();
        Attributes = attributes.ToArray();
        _sites = Sites.ToFrozenDictionary(s => s.SiteId, StringComparer.Ordinal);
        _attributes = Attributes.ToFrozenDictionary(a => a.AttributeId, StringComparer.Ordinal);
        _sitesBySpan = _sites.GetAlternateLookup<ReadOnlySpan<char>>();
        _attributesBySpan = _attributes.GetAlternateLookup<ReadOnlySpan<char>>();
        Regions = Sites.Select(s => s.RegionId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
    }

    public IReadOnlyList<Site> Sites { get; }

    public IReadOnlyList<AttributeDefinition> Attributes { get; }

    public IReadOnlyList<string> Regions { get; }

    /// <summary>The department catalog; a department not in it is kept as given and flagged.</summary>
    public IReadOnlyList<Department> Departments { get; }

    /// <summary>The catalogs of the listening sources (complaint reasons, incident types, reporter roles, platforms).</summary>
    public ListeningCatalog Listening { get; init; } = ListeningCatalog.Empty;

    public bool IsKnownDepartment(string departmentId) => _departments.ContainsKey(departmentId);

    public bool TryGetSite(string siteId, out Site site) => _sites.TryGetValue(siteId, out site!);

    public bool TryGetAttribute(string attributeId, out AttributeDefinition attribute) =>
        _attributes.TryGetValue(attributeId, out attribute!);

    /// <summary>Lookup by characters (e.g. straight from a message buffer), without making a string.</summary>
    public bool TryGetSite(ReadOnlySpan<char> siteId, out Site site) => _sitesBySpan.TryGetValue(siteId, out site!);

    public bool TryGetAttribute(ReadOnlySpan<char> attributeId, out AttributeDefinition attribute) =>
        _attributesBySpan.TryGetValue(attributeId, out attribute!);

    public Site Site(string siteId) => _sites[siteId];

    public AttributeDefinition Attribute(string attributeId) => _attributes[attributeId];

    public IEnumerable<Site> SitesIn(string regionId) => Sites.Where(s => s.RegionId == regionId);
}
