using StreamCx.Domain.Contracts;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Snapshots;

namespace StreamCx.Domain.Incidents;

/// <summary>
/// How each incident type goes with each attribute's dissatisfaction in one region, measured on the data (like driver
/// importance): over the site-days of the last <see cref="Days"/> days of event time, the correlation between the number of
/// incidents of the type at the site that day and the share of the day's ratings of the attribute at or below its
/// "dissatisfied" threshold, both taken relative to the site's own average (so a site that always has more of both does not
/// make a correlation). Positive: the incidents go with dissatisfied customers. Pure, a function of event time.
/// </summary>
public sealed class IncidentCorrelation(ReferenceCatalog catalog)
{
    public const int Days = 28;

    /// <summary>Site-days needed (with ratings of the attribute) before a correlation is given.</summary>
    public const int MinSiteDays = 20;

    private readonly Dictionary<(string Site, long Day), SiteDay> _days = new();
    private long _newestDay = long.MinValue;

    public void Observe(FeedbackEvent e)
    {
        if (e.Ratings.Count == 0) return;
        var day = DayOf(e.OccurredAt);
        var d = DayFor(e.SiteId, day);
        foreach (var (attributeId, value) in e.Ratings)
        {
            if (!catalog.TryGetAttribute(attributeId, out var a)) continue;
            var (n, dissatisfied) = d.Ratings.GetValueOrDefault(attributeId);
            d.Ratings[attributeId] = (n + 1, dissatisfied + (a.IsDissatisfied(value) ? 1 : 0));
        }
    }

    public void Observe(Incident i)
    {
        var d = DayFor(i.SiteId!, DayOf(i.OccurredAt));
        d.Incidents[i.IncidentType] = d.Incidents.GetValueOrDefault(i.IncidentType) + 1;
    }

    /// <summary>Every incident type × attribute of the region with enough site-days, strongest first.</summary>
    public IReadOnlyList<IncidentAttributeCorrelation> Of(string regionId)
    {
        var from = _newestDay - Days + 1;
        var days = InOrder().Where(kv => kv.Key.Day >= from && catalog.TryGetSite(kv.Key.Site, out var s) && s.RegionId == regionId).ToArray();
        var types = days.SelectMany(kv => kv.Value.Incidents.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var attributes = days.SelectMany(kv => kv.Value.Ratings.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var result = new List<IncidentAttributeCorrelation>();
        foreach (var type in types)
            foreach (var attribute in attributes)
            {
                // (site, incidents that day, dissatisfied share that day) for the site-days with ratings of the attribute
                var points = days.Where(kv => kv.Value.Ratings.ContainsKey(attribute))
                    .Select(kv => (kv.Key.Site, X: (double)kv.Value.Incidents.GetValueOrDefault(type), Y: Share(kv.Value.Ratings[attribute])))
                    .ToArray();
                if (points.Length < MinSiteDays) continue;
                var centred = points.GroupBy(p => p.Site, StringComparer.Ordinal)
                    .SelectMany(g => { var (mx, my) = (g.Average(p => p.X), g.Average(p => p.Y)); return g.Select(p => (X: p.X - mx, Y: p.Y - my)); })
                    .ToArray();
                var sxy = centred.Sum(p => p.X * p.Y);
                var sxx = centred.Sum(p => p.X * p.X);
                var syy = centred.Sum(p => p.Y * p.Y);
                if (sxx <= 0 || syy <= 0) continue;
                var bearing = catalog.Listening.TryGetIncidentType(type, out var t) && t.AffectedAttributes.Contains(attribute, StringComparer.Ordinal);
                result.Add(new IncidentAttributeCorrelation(type, attribute, Math.Round(sxy / Math.Sqrt(sxx * syy), 3), points.Length, bearing));
            }
        return [.. result.OrderByDescending(c => c.Correlation).ThenBy(c => c.IncidentType, StringComparer.Ordinal).ThenBy(c => c.AttributeId, StringComparer.Ordinal)];
    }

    /// <summary>The site-days kept and the newest day, as plain data.</summary>
    public IncidentCorrelationSnapshot Capture() => new(
        _newestDay,
        [
            .. InOrder().Select(kv => new SiteDaySnapshot(
                kv.Key.Site, kv.Key.Day, kv.Value.Incidents.ToOrdinalDictionary(n => n), kv.Value.Ratings.ToOrdinalDictionary(r => new DayRatings(r.N, r.Dissatisfied)))),
        ]);

    /// <summary>Puts back what <see cref="Capture"/> took, in place of what it holds.</summary>
    public void Restore(IncidentCorrelationSnapshot snapshot)
    {
        _days.Clear();
        _newestDay = snapshot.NewestDay;
        foreach (var d in snapshot.Days)
        {
            var day = _days[(d.SiteId, d.Day)] = new SiteDay();
            foreach (var (type, n) in d.Incidents) day.Incidents[type] = n;
            foreach (var (attributeId, r) in d.Ratings) day.Ratings[attributeId] = (r.Count, r.Dissatisfied);
        }
    }

    /// <summary>The site-days by site, then day: what is measured on them does not depend on the order they came in.</summary>
    private IEnumerable<KeyValuePair<(string Site, long Day), SiteDay>> InOrder() =>
        _days.OrderBy(kv => kv.Key.Site, StringComparer.Ordinal).ThenBy(kv => kv.Key.Day);

    private static double Share((int N, int Dissatisfied) r) => r.N == 0 ? 0 : r.Dissatisfied / (double)r.N;

    private SiteDay DayFor(string siteId, long day)
    {
        if (day > _newestDay)
        {
            _newestDay = day;
            foreach (var old in _days.Keys.Where(k => k.Day < day - Days).ToArray()) _days.Remove(old);
        }
        if (!_days.TryGetValue((siteId, day), out var d)) _days[(siteId, day)] = d = new SiteDay();
        return d;
    }

    private static long DayOf(DateTimeOffset at) => at.UtcTicks / TimeSpan.TicksPerDay;

    private sealed class SiteDay
    {
        public Dictionary<string, int> Incidents { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, (int N, int Dissatisfied)> Ratings { get; } = new(StringComparer.Ordinal);
    }
}

/// <summary>One incident type and one attribute in a region: their correlation (−1..1) over the site-days, and whether the catalog says it bears on it.</summary>
public sealed record IncidentAttributeCorrelation(string IncidentType, string AttributeId, double Correlation, int SiteDays, bool Catalogued);
