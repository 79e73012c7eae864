using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Snapshots;

namespace StreamCx.Domain.Incidents;

/// <summary>
/// How each incident type goes with each attribute's dissatisfaction in one region, measured on the data (like driver
/// importance): over the region's site-days (<see cref="SiteDays"/>) of the <see cref="Days"/> closed days up to one, the
/// correlation between the number of incidents of the type at the site that day and the share of the day's ratings of the
/// attribute at or below its "dissatisfied" threshold, both taken relative to the site's own average (so a site that always
/// has more of both does not make a correlation). Positive: the incidents go with dissatisfied customers. A type bears on an
/// attribute by the measure (<see cref="IncidentAttributeCorrelation.Bears"/>) when the correlation is at least
/// <see cref="MinBearing"/> and clear of chance (t ≥ <see cref="MinT"/>): a site alert then cites those incidents too, where
/// the catalog does not know the attribute. Pure: a function of the site-days given.
/// </summary>
public static class IncidentCorrelation
{
    public const int Days = 28;

    /// <summary>Site-days needed (with ratings of the attribute) before a correlation is given.</summary>
    public const int MinSiteDays = 20;

    public const double MinBearing = 0.3;

    public const double MinT = 3;

    /// <summary>
    /// What a region shows from its sites' days (as many as they keep): measured over the <see cref="Days"/> closed days
    /// through the day before the newest any of them has — the days its sites cite incidents by; null when none has a day.
    /// </summary>
    public static (long ThroughDay, IReadOnlyList<IncidentAttributeCorrelation> Correlations)? OfRegion(ListeningCatalog catalog, IReadOnlyCollection<SiteDaySnapshot> rows)
    {
        if (rows.Count == 0) return null;
        var through = rows.Max(r => r.Day) - 1;
        return (through, Measure(catalog, rows.Where(r => r.Day > through - Days && r.Day <= through)));
    }

    /// <summary>
    /// Every incident type × attribute (only <paramref name="attributeId"/> when given) of the site-days given, with enough
    /// of them, strongest first.
    /// </summary>
    public static IReadOnlyList<IncidentAttributeCorrelation> Measure(ListeningCatalog catalog, IEnumerable<SiteDaySnapshot> rows, string? attributeId = null)
    {
        var days = rows.OrderBy(r => r.SiteId, StringComparer.Ordinal).ThenBy(r => r.Day).ToArray();
        var types = days.SelectMany(d => d.Incidents.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var attributes = attributeId is not null ? [attributeId] : days.SelectMany(d => d.Ratings.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var result = new List<IncidentAttributeCorrelation>();
        foreach (var type in types)
            foreach (var attribute in attributes)
            {
                // (site, incidents that day, dissatisfied share that day) for the site-days with ratings of the attribute
                var points = days.Where(d => d.Ratings.ContainsKey(attribute))
                    .Select(d => (d.SiteId, X: (double)d.Incidents.GetValueOrDefault(type), Y: Share(d.Ratings[attribute])))
                    .ToArray();
                if (points.Length < MinSiteDays) continue;
                var centred = points.GroupBy(p => p.SiteId, StringComparer.Ordinal)
                    .SelectMany(g => { var (mx, my) = (g.Average(p => p.X), g.Average(p => p.Y)); return g.Select(p => (X: p.X - mx, Y: p.Y - my)); })
                    .ToArray();
                var sxy = centred.Sum(p => p.X * p.Y);
                var sxx = centred.Sum(p => p.X * p.X);
                var syy = centred.Sum(p => p.Y * p.Y);
                if (sxx <= 0 || syy <= 0) continue;
                var catalogued = catalog.TryGetIncidentType(type, out var t) && t.AffectedAttributes.Contains(attribute, StringComparer.Ordinal);
                result.Add(new IncidentAttributeCorrelation(type, attribute, Math.Round(sxy / Math.Sqrt(sxx * syy), 3), points.Length, catalogued));
            }
        return [.. result.OrderByDescending(c => c.Correlation).ThenBy(c => c.IncidentType, StringComparer.Ordinal).ThenBy(c => c.AttributeId, StringComparer.Ordinal)];
    }

    private static double Share(DayRatings r) => r.Count == 0 ? 0 : r.Dissatisfied / (double)r.Count;
}

/// <summary>
/// One incident type and one attribute in a region: their correlation (−1..1) over the site-days, whether the catalog says
/// it bears on it, and whether the measure does (<see cref="Bears"/>).
/// </summary>
public sealed record IncidentAttributeCorrelation(string IncidentType, string AttributeId, double Correlation, int SiteDays, bool Catalogued)
{
    /// <summary>The measured correlation is at least <see cref="IncidentCorrelation.MinBearing"/> and its t statistic at least <see cref="IncidentCorrelation.MinT"/>.</summary>
    public bool Bears => Correlation >= IncidentCorrelation.MinBearing && (Correlation >= 1 || TStatistic >= IncidentCorrelation.MinT);

    private double TStatistic => Correlation * Math.Sqrt(SiteDays - 2) / Math.Sqrt(1 - (Correlation * Correlation));
}
