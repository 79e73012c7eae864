using StreamCx.Domain.ReferenceData;

namespace StreamCx.Host.Simulation;

/// <summary>Operational incidents at a low rate at random sites, of the catalog's types, with a magnitude where the type has a unit.</summary>
public sealed class BackgroundIncidents(ReferenceCatalog catalog, int seed, double perSitePerHour, DateTimeOffset from)
    : ScriptedSource(unchecked((seed * 31) + 5), perSitePerHour * catalog.Sites.Count, from)
{
    private readonly IReadOnlyList<IncidentType> _types = IncidentMagnitudes.Types(catalog);

    protected override IReadOnlyList<SimulatedMessage> Script(long index, DateTimeOffset start)
    {
        var site = Rnd.Choose(catalog.Sites);
        var type = Rnd.Choose(_types);
        var (magnitude, minutes) = IncidentMagnitudes.Draw(Rnd, type);
        return [ListeningMessages.Incident($"sim-{seed}-i{index}", start, site, type.IncidentTypeId, magnitude, minutes)];
    }
}
