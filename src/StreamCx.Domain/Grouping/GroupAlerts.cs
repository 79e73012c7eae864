using System.Globalization;
using StreamCx.Domain.Alerting;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Domain.Grouping;

/// <summary>
/// The alert emission of a group (a <see cref="Move"/>): the usual alert shape with one <see cref="GroupFactor"/>, shown at
/// the site whose alert opened first (as journey alerts are shown at the journey's first site), a sentence naming the
/// sites, the highest severity of its members and the median of their scores.
/// </summary>
public static class GroupAlerts
{
    private const int NamesShown = 8;

    public static Alert Build(
        Move move, AlertStatus status, string scope, ReferenceCatalog catalog, DateTimeOffset raisedAt, DateTimeOffset emittedAt, IReadOnlyList<Verbatim> verbatims)
    {
        var sites = move.Members.SelectMany(m => m.SiteIds).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var regions = move.Members.SelectMany(m => m.RegionIds).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var first = catalog.Site(move.Members.OrderBy(m => m.OpenedAt).ThenBy(m => m.Key, StringComparer.Ordinal).First().SiteIds[0]);
        var attribute = catalog.Attribute(move.AttributeId);
        var score = new ScoreSummary(
            Math.Round(Median(move.Members.Select(m => m.Mean)), 3), Math.Round(Median(move.Members.Select(m => m.DissatisfiedPct)), 1), move.Members.Sum(m => m.Count));
        var severity = move.Members.Max(m => m.Severity);
        var folded = move.Members.Where(m => m.Role == MemberRole.Folded).Select(m => m.AlertId).ToList();
        var factor = new GroupFactor(scope, move.Since, score.Mean, sites, regions, folded);
        var where = scope == GroupFactor.NetworkScope ? $"in {regions.Count} regions" : $"of region {regions[0]}";
        var since = move.Since.ToString("HH:mm", CultureInfo.InvariantCulture);
        var names = sites.Select(s => catalog.Site(s).Name).ToList();
        var named = string.Join(", ", names.Take(NamesShown)) + (names.Count > NamesShown ? $" and {names.Count - NamesShown} more" : "");
        var explanation = status == AlertStatus.Resolved
            ? $"{attribute.Label} has recovered at the {sites.Count} sites {where} where it fell since {since}: {named}."
            : $"{attribute.Label} fell at {sites.Count} sites {where} since {since}: {named}; a site clearly worse than the others keeps its own alert.";
        return new Alert(
            move.GroupId, status, move.Sequence, first.SiteId, $"{sites.Count} sites {where}", first.RegionId, attribute.AttributeId, attribute.Label,
            severity, Severity.LevelOf(severity), [factor], score, raisedAt, emittedAt, new TimeWindow(move.Since, raisedAt), explanation, verbatims);
    }

    /// <summary>The group factor of a grouped alert of this scope, if it is one.</summary>
    public static GroupFactor? FactorOf(Alert alert, string scope) =>
        alert.Factors is [GroupFactor g] && g.Scope == scope ? g : null;

    internal static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[(v.Length / 2) - 1] + v[v.Length / 2]) / 2;
    }
}
