using StreamCx.Domain.Contracts;
using StreamCx.Domain.Incidents;
using StreamCx.Domain.Listening;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Snapshots;

namespace StreamCx.Domain.Complaints;

/// <summary>
/// Every site's complaints and their surge alerts (pure: no Akka, no Kafka). Fed in <see cref="EventTime.EventOrder"/> —
/// as <c>replay</c> does, and as the engine does once its frontier of event time has passed them — it gives the same alerts
/// whatever path delivered the complaints: a site's test reads only hourly counts of its region's sites, by event time.
/// Each complaint re-tests its site's reason, and the open surges of its region (so they resolve as event time passes).
/// </summary>
/// <param name="incidents">The incidents an alert cites (none when null).</param>
/// <param name="wording">What is counted and how its alerts read: complaints by reason (default), or staff reports by attribute or topic.</param>
public sealed class ComplaintProcessor(
    ReferenceCatalog catalog, ComplaintSettings settings, TimeProvider clock, IncidentLookup? incidents = null, ISurgeWording? wording = null)
{
    private readonly Dictionary<string, SiteComplaints> _sites = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedDictionary<string, SiteComplaints>> _regions = new(StringComparer.Ordinal);
    private readonly ComplaintAlerts _alerts = new(catalog, settings, clock, incidents, wording ?? new ComplaintWording(catalog));

    public ComplaintCounters Counters { get; } = new();

    public ComplaintSettings Settings => settings;

    public SiteComplaints? Site(string siteId) => _sites.GetValueOrDefault(siteId);

    public IEnumerable<SiteComplaints> Sites => _sites.Values;

    public IReadOnlyList<Alert> Process(Complaint c)
    {
        if (c.Flags.HasFlag(CatalogFlags.UnknownReason)) Counters.Uncatalogued++;
        return Process(new CountedEvent(c.EventId, c.OccurredAt, c.SiteId!, c.ReasonId, c.Channel));
    }

    public IReadOnlyList<Alert> Process(CountedEvent c)
    {
        var site = SiteFor(c.SiteId);
        if (!site.Add(c))
        {
            Counters.Duplicates++;
            return [];
        }
        Counters.Applied++;
        var alerts = new List<Alert>();
        var hour = SparseCounts.HourOf(c.OccurredAt);
        var region = Region(catalog.Site(site.SiteId).RegionId);
        var coverage = region.Values.Min(s => s.FirstHour) ?? hour;
        Test(site, c.Key, hour, c.OccurredAt.UtcTicks, region, coverage, alerts);
        foreach (var other in region.Values)
            foreach (var reason in other.Alerts.Where(a => !a.Value.Resolved).Select(a => a.Key).Order(StringComparer.Ordinal).ToArray())
                if (!(ReferenceEquals(other, site) && reason == c.Key)) Test(other, reason, hour, c.OccurredAt.UtcTicks, region, coverage, alerts);
        return alerts;
    }

    private void Test(SiteComplaints site, string reason, long hour, long atTicks, SortedDictionary<string, SiteComplaints> region, long coverage, List<Alert> alerts)
    {
        var readings = ComplaintSurge.Evaluate(site, reason, hour, region.Values.Where(p => !ReferenceEquals(p, site)), coverage, settings);
        _alerts.Evaluate(site, reason, readings, atTicks, alerts);
    }

    /// <summary>The reasons board over the last <paramref name="days"/> days up to the newest complaint of the scope.</summary>
    public ComplaintBoard Board(string? regionId, string? siteId, string? channel, int days = 7) =>
        ComplaintBoard.Of(catalog, [.. SitesOf(regionId, siteId)], channel, days);

    /// <summary>The sites of a scope: one site, a region's, or all (null).</summary>
    public IEnumerable<SiteComplaints> SitesOf(string? regionId, string? siteId) =>
        _sites.Values
            .Where(s => siteId is null || s.SiteId == siteId)
            .Where(s => regionId is null || catalog.Site(s.SiteId).RegionId == regionId);

    public SiteComplaintsSnapshot Capture(string siteId) => SiteFor(siteId).ToSnapshot();

    public void Restore(string siteId, SiteComplaintsSnapshot snapshot) => SiteFor(siteId).Restore(snapshot);

    /// <summary>Every site it knows, with its counters, as plain data.</summary>
    public ComplaintProcessorSnapshot Capture() =>
        new(_sites.ToOrdinalDictionary(s => s.ToSnapshot()), Counters.Applied, Counters.Duplicates, Counters.Uncatalogued);

    /// <summary>Puts back what <see cref="Capture()"/> took, into a processor that has taken nothing yet.</summary>
    public void Restore(ComplaintProcessorSnapshot snapshot)
    {
        foreach (var (siteId, site) in snapshot.Sites) Restore(siteId, site);
        (Counters.Applied, Counters.Duplicates, Counters.Uncatalogued) = (snapshot.Applied, snapshot.Duplicates, snapshot.Uncatalogued);
    }

    private SiteComplaints SiteFor(string siteId)
    {
        if (_sites.TryGetValue(siteId, out var site)) return site;
        site = _sites[siteId] = new SiteComplaints(siteId, settings);
        Region(catalog.Site(siteId).RegionId)[siteId] = site;
        return site;
    }

    private SortedDictionary<string, SiteComplaints> Region(string regionId)
    {
        if (!_regions.TryGetValue(regionId, out var region)) _regions[regionId] = region = new(StringComparer.Ordinal);
        return region;
    }
}

/// <summary>Complaints taken, duplicates dropped, and those with a reason not in the catalog (kept, counted).</summary>
public sealed class ComplaintCounters
{
    public long Applied { get; set; }
    public long Duplicates { get; set; }
    public long Uncatalogued { get; set; }
}
