using System.Collections.Frozen;

namespace StreamCx.Domain.ReferenceData;

/// <summary>A complaint reason (<c>config/complaint-reasons.json</c>), and the attribute it bears on when it bears on one.</summary>
public sealed record ComplaintReason(string ReasonId, string Label, string? AttributeId = null);

/// <summary>An operational incident type (<c>config/incident-types.json</c>), the attributes it may affect, and the unit of its magnitude.</summary>
public sealed record IncidentType(string IncidentTypeId, string Label, IReadOnlyList<string>? Affects = null, string? MagnitudeUnit = null)
{
    public IReadOnlyList<string> AffectedAttributes => Affects ?? [];
}

/// <summary>A role of staff in contact with customers who file internal reports (<c>config/reporter-roles.json</c>).</summary>
public sealed record ReporterRole(string RoleId, string Label);

/// <summary>A social platform mentions come from (<c>config/platforms.json</c>).</summary>
public sealed record SocialPlatform(string PlatformId, string Label);

/// <summary>
/// The catalogs of the listening sources. A value not in its catalog is kept and flagged by the parser, never rejected; an
/// empty catalog (no file configured) flags every value. Attribute ids named here need not be in the attribute catalog (a
/// deployment's attributes are its own): those that are not simply bear on nothing it rates.
/// </summary>
public sealed class ListeningCatalog
{
    public static readonly ListeningCatalog Empty = new([], [], [], []);

    private readonly FrozenDictionary<string, ComplaintReason> _reasons;
    private readonly FrozenDictionary<string, IncidentType> _incidentTypes;
    private readonly FrozenSet<string> _roles, _platforms;

    public ListeningCatalog(IEnumerable<ComplaintReason> reasons, IEnumerable<IncidentType> incidentTypes, IEnumerable<ReporterRole> reporterRoles, IEnumerable<SocialPlatform> platforms)
    {
        Reasons = reasons.ToArray();
        IncidentTypes = incidentTypes.ToArray();
        ReporterRoles = reporterRoles.ToArray();
        Platforms = platforms.ToArray();
        _reasons = Reasons.ToFrozenDictionary(r => r.ReasonId, StringComparer.Ordinal);
        _incidentTypes = IncidentTypes.ToFrozenDictionary(t => t.IncidentTypeId, StringComparer.Ordinal);
        _roles = ReporterRoles.Select(r => r.RoleId).ToFrozenSet(StringComparer.Ordinal);
        _platforms = Platforms.Select(p => p.PlatformId).ToFrozenSet(StringComparer.Ordinal);
    }

    public IReadOnlyList<ComplaintReason> Reasons { get; }

    public IReadOnlyList<IncidentType> IncidentTypes { get; }

    public IReadOnlyList<ReporterRole> ReporterRoles { get; }

    public IReadOnlyList<SocialPlatform> Platforms { get; }

    public bool TryGetReason(string reasonId, out ComplaintReason reason) => _reasons.TryGetValue(reasonId, out reason!);

    public bool TryGetIncidentType(string incidentTypeId, out IncidentType type) => _incidentTypes.TryGetValue(incidentTypeId, out type!);

    public bool IsKnownReason(string reasonId) => _reasons.ContainsKey(reasonId);

    public bool IsKnownIncidentType(string incidentTypeId) => _incidentTypes.ContainsKey(incidentTypeId);

    public bool IsKnownReporterRole(string role) => _roles.Contains(role);

    public bool IsKnownPlatform(string platform) => _platforms.Contains(platform);
}
