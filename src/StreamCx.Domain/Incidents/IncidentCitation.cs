using System.Globalization;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Domain.Incidents;

/// <summary>
/// The incidents at a site bearing on an attribute in an alert's window, by type: how many, since when, their mean
/// magnitude — for the alert's factor and its explanation ("3 delivery-delay incidents since 14:00, 95 minutes late on
/// average"). A type bears on the attribute by the incident catalog's <c>affects</c>, or by the correlation measured on the
/// data (then given: "measured correlation 0.62"), for the attribute ids a catalog cannot know. Times are shown in UTC.
/// </summary>
public static class IncidentCitation
{
    /// <param name="attributeId">The attribute the alert is about; null: every incident of the site bears on it.</param>
    /// <param name="measured">The types measured bearing on the attribute, asked once and only if an incident the catalog does not tie to it is in the window.</param>
    public static IReadOnlyList<IncidentEvidence> For(
        IncidentBook? book, ListeningCatalog catalog, string? attributeId, DateTimeOffset from, DateTimeOffset to,
        Func<IReadOnlyList<IncidentAttributeCorrelation>>? measured = null)
    {
        if (book is null) return [];
        IReadOnlyList<IncidentAttributeCorrelation>? bearing = null;
        double? Measured(string incidentType)
        {
            if (measured is null) return null;
            bearing ??= measured();
            return bearing.FirstOrDefault(c => c.IncidentType == incidentType)?.Correlation;
        }
        bool Catalogued(string incidentType) => catalog.TryGetIncidentType(incidentType, out var type) && type.AffectedAttributes.Contains(attributeId!, StringComparer.Ordinal);
        return book.Between(from, to)
            .GroupBy(i => i.IncidentType, StringComparer.Ordinal)
            .Select(g => (Incidents: g, Catalogued: attributeId is null || Catalogued(g.Key)))
            .Select(g => (g.Incidents, g.Catalogued, Correlation: g.Catalogued ? null : Measured(g.Incidents.Key)))
            .Where(g => g.Catalogued || g.Correlation is not null)
            .Select(g =>
            {
                var magnitudes = g.Incidents.Where(i => i.Magnitude is not null).Select(i => i.Magnitude!.Value).ToArray();
                var unit = catalog.TryGetIncidentType(g.Incidents.Key, out var type) ? type.MagnitudeUnit : null;
                return new IncidentEvidence(g.Incidents.Key, g.Incidents.Count(), g.Incidents.Min(i => i.OccurredAt), magnitudes.Length > 0 ? Math.Round(magnitudes.Average(), 1) : null, unit)
                {
                    MeasuredCorrelation = g.Correlation,
                };
            })
            .OrderByDescending(e => e.Count).ThenBy(e => e.IncidentType, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>One clause per type, e.g. "3 delivery-delay incidents since 14:00, 95 minutes late on average"; empty for none.</summary>
    public static string Sentence(IReadOnlyList<IncidentEvidence> evidence) =>
        evidence.Count == 0 ? "" : " Incidents at the site: " + string.Join("; ", evidence.Select(Clause)) + ".";

    private static string Clause(IncidentEvidence e)
    {
        var since = e.Since.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture);
        var magnitude = e.MeanMagnitude is { } m ? $", {m.ToString("0.#", CultureInfo.InvariantCulture)} {e.Unit ?? "in magnitude"} on average" : "";
        var measured = e.MeasuredCorrelation is { } r ? $" (they go with it here: measured correlation {r.ToString("0.##", CultureInfo.InvariantCulture)})" : "";
        return $"{e.Count} {e.IncidentType} incident{(e.Count == 1 ? "" : "s")} since {since} UTC{magnitude}{measured}";
    }
}
