using System.Diagnostics;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Grouping;
using StreamCx.Domain.Processing;
using StreamCx.Domain.ReferenceData;
using StreamCx.Perf.Detection.Scenario;

namespace StreamCx.Perf.Detection.Scoring;

/// <summary>
/// Runs a labelled scenario through <see cref="FeedbackProcessor"/> (the code <c>replay</c> runs, one region at a time
/// there, all at once here: the same output) and matches the alert emissions to the labels.
/// An irritant is detected by the first emission (open or update) on its site-attribute raised between its onset and
/// 2 h after its end, or by the first emission of a group naming the site on that attribute; a site alert opened outside
/// [onset, end + 12 h] of every irritant of its site-attribute is a false open (folded when a group folds it); a group
/// opened outside every labelled region- or network-wide move is a false group. Network groups are made from the regions'
/// groups by <see cref="NetworkGrouping"/>, as replay and the engine make them.
/// </summary>
public static class Scorer
{
    private static readonly TimeSpan DetectSlack = TimeSpan.FromHours(2);
    private static readonly TimeSpan FalseSlack = TimeSpan.FromHours(12);

    /// <summary>The registry: Paris and London sites carry their IANA time zone, Lyon and Boston only the offset of their events.</summary>
    public static ReferenceCatalog Catalog(IReadOnlyList<BenchmarkSite> sites) => new(
        sites.Select(s => new Site(s.SiteId, s.Name, s.RegionId, s.RegionId is "paris" or "london" ? s.Zone.Id : null)),
        ScenarioWorld.Attributes.Select(a => new AttributeDefinition(a.AttributeId, a.Label, a.Min, a.Max, a.DissatisfiedAtOrBelow)));

    public static SeedResult Score(LabelledScenario scenario, DetectionSettings settings)
    {
        var processor = new FeedbackProcessor(Catalog(scenario.Sites), settings, TimeProvider.System);
        var alerts = new List<Alert>();
        var watch = Stopwatch.StartNew();
        foreach (var e in scenario.Events) alerts.AddRange(processor.Process(e));
        var seconds = watch.Elapsed.TotalSeconds;

        // network groups over the regions' groups, as replay and the engine take them
        if (NetworkGrouping.For(Catalog(scenario.Sites), settings) is { } network)
        {
            foreach (var a in alerts) network.Take(a);
            alerts.AddRange(network.Release(null).Select(x => x.Emitted));
        }
        if (Environment.GetEnvironmentVariable("DETECTION_BENCH_DUMP") is { Length: > 0 } dump)
            File.WriteAllLines($"{dump}.{scenario.Seed}.txt", alerts.OrderBy(a => a.RaisedAt).Select(a =>
                $"{a.RaisedAt:yyyy-MM-dd ddd HH:mm zzz} {a.Status,-8} {a.SiteId,-12} {a.AttributeId,-20} {a.AlertId} s{a.Sequence} " +
                (a.Factors is [GroupFactor g] ? $"GROUP {g.Scope} [{string.Join(',', g.SiteIds)}] folded {g.FoldedAlertIds.Count}" : string.Join('+', a.Factors.Select(f => f.Kind)))));
        var groupAlerts = alerts.Where(a => a.Factors is [GroupFactor]).ToList();
        var folded = groupAlerts.SelectMany(a => ((GroupFactor)a.Factors[0]).FoldedAlertIds).ToHashSet(StringComparer.Ordinal);
        var siteAlerts = alerts.Where(a => a.Factors is not [GroupFactor]).ToList();

        var bySiteAttribute = siteAlerts.Concat(groupAlerts.SelectMany(g => ((GroupFactor)g.Factors[0]).SiteIds.Select(s => g with { SiteId = s })))
            .ToLookup(a => (a.SiteId, a.AttributeId));
        var peak = scenario.Sites.ToDictionary(s => s.SiteId, s => s.PeakRate);
        var detections = scenario.Irritants.Select(i => Detect(i, bySiteAttribute[(i.SiteId, i.AttributeId)], peak[i.SiteId]) with { BoundZ = InformationBound.Z(scenario, i) }).ToList();

        var sites = scenario.Sites.ToDictionary(s => s.SiteId);
        var labels = scenario.Irritants.ToLookup(i => (i.SiteId, i.AttributeId));
        var falseOpens = siteAlerts
            .Where(a => a.Status == AlertStatus.Open && !labels[(a.SiteId, a.AttributeId)].Any(i => a.RaisedAt >= i.Onset && a.RaisedAt <= i.End + FalseSlack))
            .Select(a => new FalseOpen(a.SiteId, a.AttributeId, a.RaisedAt, Context(sites[a.SiteId], a.AttributeId, a.RaisedAt, scenario.Episodes),
                string.Join("+", a.Factors.Where(f => f.Kind != FactorKind.Importance).Select(f => f.Kind.ToString().ToLowerInvariant())), a.Explanation,
                folded.Contains(a.AlertId), sites[a.SiteId].PeakRate))
            .ToList();

        var opensPerMove = scenario.Irritants.Where(i => i.Group is not null).GroupBy(i => $"{i.Kind} {i.Group} {i.AttributeId}")
            .ToDictionary(g => g.Key, g => g.Count(i => siteAlerts.Any(a => a.SiteId == i.SiteId && a.AttributeId == i.AttributeId && a.Status == AlertStatus.Open && a.RaisedAt >= i.Onset && a.RaisedAt <= i.End + DetectSlack)));
        var siteAttributeDays = (double)scenario.Sites.Count * ScenarioWorld.Attributes.Length * ScenarioWorld.Days;
        var groups = groupAlerts.Where(g => g.Status == AlertStatus.Open).Select(g =>
        {
            var factor = (GroupFactor)g.Factors[0];
            var move = scenario.Irritants.FirstOrDefault(i => i.Group is not null && i.AttributeId == g.AttributeId && g.RaisedAt >= i.Onset && g.RaisedAt <= i.End + DetectSlack);
            return new GroupOutcome(factor.Scope, g.AttributeId, factor.SiteIds.Count, g.RaisedAt,
                move is not null ? $"{move.Kind} move (labelled)" : Context(sites[g.SiteId], g.AttributeId, g.RaisedAt, scenario.Episodes), move is not null, !folded.Contains(g.AlertId));
        }).ToList();
        var namings = groupAlerts.Where(g => g.Status != AlertStatus.Resolved && g.Factors[0] is GroupFactor { Scope: GroupFactor.RegionScope })
            .SelectMany(g => ((GroupFactor)g.Factors[0]).SiteIds.Select(site => (g.AlertId, Site: site, g.AttributeId, g.RaisedAt)))
            .GroupBy(x => (x.AlertId, x.Site)).Select(x => x.MinBy(y => y.RaisedAt)).ToList();
        var nothingMoved = namings.Count(x => !labels[(x.Site, x.AttributeId)].Any(i => x.RaisedAt >= i.Onset && x.RaisedAt <= i.End + FalseSlack)
            && Context(sites[x.Site], x.AttributeId, x.RaisedAt, scenario.Episodes) == "other");
        return new SeedResult(scenario.Seed, scenario.Events.Count, siteAttributeDays, detections, falseOpens, opensPerMove, seconds, groups,
            new Naming(namings.Count, nothingMoved));
    }

    private static Detection Detect(Irritant i, IEnumerable<Alert> alerts, double peakRate)
    {
        var first = alerts.Where(a => a.Status != AlertStatus.Resolved && a.RaisedAt >= i.Onset && a.RaisedAt <= i.End + DetectSlack).MinBy(a => a.RaisedAt);
        var note = $"peak {peakRate}/h, onset {i.Onset:ddd HH:mm zzz}, ramp {i.Ramp.TotalHours:0.#} h, size {i.Size:0.##}";
        if (first is null) return new Detection(i.Kind, i.SiteId, i.AttributeId, false, double.NaN, double.NaN, double.NaN, note);
        var hours = (first.RaisedAt - i.Onset).TotalHours;
        var ramp = i.Ramp > TimeSpan.Zero ? Math.Min(1, (first.RaisedAt - i.Onset) / i.Ramp) : 1;
        var factors = string.Join("+", first.Factors.Where(f => f.Kind != FactorKind.Importance).Select(f => f.Kind.ToString().ToLowerInvariant()));
        return new Detection(i.Kind, i.SiteId, i.AttributeId, true, hours, ramp, first.Severity, $"{note}, by {factors}");
    }

    /// <summary>What a false open happened during: the learning days, a holiday, promotion or closure of its site, a usual pattern, the days after a DST change, else "other".</summary>
    private static string Context(BenchmarkSite site, string attributeId, DateTimeOffset at, IReadOnlyList<UsualEpisode> episodes)
    {
        if (at < ScenarioWorld.Start.AddDays(3)) return "first 3 days (learning)";
        string? Episode(bool dst)
        {
            foreach (var e in episodes)
                if ((e.Category == "dst") == dst && e.SiteId == site.SiteId && (e.AttributeId is null || e.AttributeId == attributeId) && at >= e.Start && at < e.End) return e.Category;
            return null;
        }
        // a usual pattern first, DST last: a lunch-dip alert in the days after DST is counted as the lunch dip
        return Episode(dst: false)
            ?? ScenarioWorld.UsualPatternAt(site, attributeId, TimeZoneInfo.ConvertTime(at, site.Zone).DateTime)
            ?? Episode(dst: true)
            ?? "other";
    }
}
