using System.Globalization;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Domain.Incidents;

/// <summary>
/// The incidents at a site bearing on an attribute (by the incident catalog's <c>affects</c>) in an alert's window, by
/// type: how many, since when, their mean magnitude — for the alert's factor and its explanation
/// ("3 delivery-delay incidents since 14:00, 95 minutes late on average"). Times are shown in UTC.
/// </summary>
public static class IncidentCitation
{
    /// <param name="attributeId">The attribute the alert is about; null: every incident of the site bears on it.</param>
    public static IReadOnlyList<IncidentEvidence> For(IncidentBook? book, ListeningCatalog catalog, string? attributeId, DateTimeOffset from, DateTimeOffset to)
    {
        if (book is null) return [];
        return book.Between(from, to)
            .Where(i => attributeId is null || (catalog.TryGetIncidentType(i.IncidentType, out var type) && type.AffectedAttributes.Contains(attributeId, StringComparer.Ordinal)))
            .GroupBy(i => i.IncidentType, StringComparer.Ordinal)
            .Select(g =>
            {
                var magnitudes = g.Where(i => i.Magnitude is not null).Select(i => i.Magnitude!.Value).ToArray();
                var unit = catalog.TryGetIncidentType(g.Key, out var type) ? type.MagnitudeUnit : null;
                return new IncidentEvidence(g.Key, g.Count(), g.Min(i => i.OccurredAt), magnitudes.Length > 0 ? Math.Round(magnitudes.Average(), 1) : null, unit);
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
        return $"{e.Count} {e.IncidentType} incident{(e.Count == 1 ? "" : "s")} since {since} UTC{magnitude}";
    }
}
