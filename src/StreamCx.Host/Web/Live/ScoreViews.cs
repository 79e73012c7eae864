using StreamCx.Domain.Live;
using StreamCx.Domain.Processing;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Windows;
using StreamCx.Engine.Sites;

namespace StreamCx.Host.Web.Live;

/// <summary>
/// The JSON shape of a site's scores: NPS, CSAT, CES over the score window, and per attribute the window's count,
/// mean and % dissatisfied, a sparkline of the recent window, lifetime totals, and the open alert on it if any.
/// </summary>
public static class ScoreViews
{
    public static object Site(SiteScores scores, ReferenceCatalog catalog, AlertStore store)
    {
        var site = catalog.Site(scores.SiteId);
        var open = store.Open(new AlertFilter(SiteId: site.SiteId)).GroupBy(r => r.Alert.AttributeId).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return new
        {
            siteId = site.SiteId,
            name = site.Name,
            regionId = site.RegionId,
            nps = Headline(scores.Headline.Nps),
            csat = Headline(scores.Headline.Csat),
            ces = Headline(scores.Headline.Ces),
            attributes = catalog.Attributes
                .Where(a => scores.Attributes.ContainsKey(a.AttributeId) || scores.Scores.ContainsKey(a.AttributeId))
                .ToDictionary(a => a.AttributeId, a => Attribute(
                    scores.Attributes.GetValueOrDefault(a.AttributeId), scores.Scores.GetValueOrDefault(a.AttributeId), open.GetValueOrDefault(a.AttributeId))),
        };
    }

    private static object Headline(WindowStats s) => new { value = Round(s.Mean), count = s.Count };

    private static object Attribute(AttributeTotals totals, AttributeScore? score, AlertRecord? alert) => new
    {
        count = totals.Count,
        sum = totals.Sum,
        tooLate = totals.TooLate,
        window = score is null ? null : new { count = score.Window.Count, mean = Round(score.Window.Mean), dissatisfiedPct = Round(score.Window.DissatisfiedPct) },
        sparkline = score is null ? null : new
        {
            end = score.SparklineEnd,
            stepMinutes = score.SparklineStep.TotalMinutes,
            points = score.Sparkline.Select(Round).ToArray(),
        },
        status = alert is null ? (score is { Window.Count: > 0 } ? "ok" : "no-data") : alert.Alert.SeverityLevel.ToString().ToLowerInvariant(),
        alert = alert is null ? null : new
        {
            alert.Alert.AlertId,
            alert.Alert.Severity,
            alert.Alert.SeverityLevel,
            acknowledged = alert.Acknowledgement is not null,
        },
    };

    private static double? Round(double v) => double.IsFinite(v) ? Math.Round(v, 2) : null;
}
