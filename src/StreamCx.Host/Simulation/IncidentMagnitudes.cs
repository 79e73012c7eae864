using StreamCx.Domain.ReferenceData;

namespace StreamCx.Host.Simulation;

/// <summary>How big the simulated incidents are, in their type's unit, and how long those that last do.</summary>
internal static class IncidentMagnitudes
{
    /// <summary>The range of a magnitude by incident type of <c>config/incident-types.json</c>; 1..10 for another type.</summary>
    private static readonly Dictionary<string, (int Min, int Max)> Ranges = new(StringComparer.Ordinal)
    {
        ["delivery-delay"] = (15, 180), ["incomplete-delivery"] = (1, 12), ["stock-out"] = (1, 25),
        ["breakdown"] = (10, 180), ["absenteeism"] = (1, 3), ["staff-turnover"] = (1, 2),
    };

    /// <summary>Types whose magnitude is a duration in minutes: they end that long after they start.</summary>
    private static readonly HashSet<string> Lasting = new(StringComparer.Ordinal) { "delivery-delay", "breakdown" };

    /// <summary>The types drawn from: the catalog's, or those above without one.</summary>
    public static IReadOnlyList<IncidentType> Types(ReferenceCatalog catalog) =>
        catalog.Listening.IncidentTypes.Count > 0 ? catalog.Listening.IncidentTypes : [.. Ranges.Keys.Select(t => new IncidentType(t, t))];

    /// <summary>A magnitude when the type has a unit (null otherwise), and minutes when it lasts.</summary>
    public static (double? Magnitude, double? Minutes) Draw(Random rnd, IncidentType type)
    {
        if (type.MagnitudeUnit is null) return (null, null);
        var (min, max) = Ranges.GetValueOrDefault(type.IncidentTypeId, (1, 10));
        double magnitude = rnd.Next(min, max + 1);
        return (magnitude, Lasting.Contains(type.IncidentTypeId) ? magnitude : null);
    }

    /// <summary>An incident of the given type and magnitude (minutes, for a type that lasts, from the magnitude).</summary>
    public static SimulatedMessage Message(string eventId, DateTimeOffset at, Site site, string type, double magnitude) =>
        ListeningMessages.Incident(eventId, at, site, type, magnitude, Lasting.Contains(type) ? magnitude : null);
}
