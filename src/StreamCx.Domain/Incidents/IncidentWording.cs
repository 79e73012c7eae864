using StreamCx.Domain.Complaints;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Domain.Incidents;

/// <summary>
/// Incidents counted by type (key: the incident type) at a site, tested for surges like complaints: the <c>incidents</c>
/// factor, an early warning shown under the pseudo-attribute <see cref="IncidentsAttributeId"/> and naming the attributes
/// the catalog says the type bears on, before the surveys on them confirm a drop.
/// </summary>
public sealed class IncidentWording(ReferenceCatalog catalog) : ISurgeWording
{
    public const string IncidentsAttributeId = "incidents";
    public const string IncidentsAttributeLabel = "Operational incidents";

    public string AlertKey(string key) => "incidents:" + key;

    public (string Id, string Label) Attribute(string key) => (IncidentsAttributeId, IncidentsAttributeLabel);

    /// <summary>None: the alert is about the incidents themselves.</summary>
    public string? CitedAttribute(string key) => null;

    public Factor Factor(string key, SurgeReading r, IReadOnlyList<IncidentEvidence> cited)
    {
        var catalogued = catalog.Listening.TryGetIncidentType(key, out var type);
        return SurgeNumbers.Of(new IncidentsFactor(key, catalogued ? type.Label : key, catalogued, catalogued ? type.AffectedAttributes : []), r, cited);
    }

    public string Subject(string key, string site)
    {
        var catalogued = catalog.Listening.TryGetIncidentType(key, out var type);
        return $"\"{(catalogued ? type.Label : key)}\" incidents{(catalogued ? "" : " (uncatalogued type)")} at {site}";
    }

    /// <summary>The attributes the type bears on, by the catalog: "Early warning: they bear on Delivery and Product availability, whose surveys may follow."</summary>
    public string Consequence(string key)
    {
        if (!catalog.Listening.TryGetIncidentType(key, out var type)) return "";
        var labels = type.AffectedAttributes.Select(a => catalog.TryGetAttribute(a, out var attribute) ? attribute.Label : null).OfType<string>().ToList();
        return labels.Count == 0 ? "" : $" Early warning: they bear on {string.Join(" and ", labels)}, whose surveys may follow.";
    }
}
