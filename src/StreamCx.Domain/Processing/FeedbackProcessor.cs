using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Domain.Processing;

/// <summary>
/// The whole engine in one thread: site intake, attribute monitors and region boards wired directly, in the order
/// events are given. Each event is evaluated against its region's view at the start of the event's bucket
/// (<see cref="RegionBoard.ViewAt"/>), so fed in <see cref="EventTime.EventOrder"/> it gives the same alerts however
/// the events were split across inputs (<see cref="EventTimeProcessor"/>). Used by <c>replay</c> (deterministic) and
/// by tests; the actor engine hosts the same pieces.
/// </summary>
public sealed class FeedbackProcessor(ReferenceCatalog catalog, DetectionSettings settings, TimeProvider clock)
{
    private readonly Dictionary<string, SiteIntake> _sites = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Site, string Attribute), AttributeMonitor> _monitors = new();
    private readonly Dictionary<string, RegionBoard> _regions = new(StringComparer.Ordinal);
    private readonly List<double> _peers = [];

    public ProcessingCounters Counters { get; } = new();

    public IEnumerable<AttributeMonitor> Monitors => _monitors.Values;

    public AttributeMonitor? Monitor(string siteId, string attributeId) => _monitors.GetValueOrDefault((siteId, attributeId));

    public SiteIntake? Site(string siteId) => _sites.GetValueOrDefault(siteId);

    public RegionBoard Region(string regionId) =>
        _regions.TryGetValue(regionId, out var r) ? r : _regions[regionId] = new RegionBoard(regionId, settings);

    /// <summary>Applies one valid event and returns the alerts it caused (possibly none).</summary>
    public IReadOnlyList<Alert> Process(FeedbackEvent e)
    {
        var site = catalog.Site(e.SiteId);
        if (!_sites.TryGetValue(site.SiteId, out var intake)) _sites[site.SiteId] = intake = new SiteIntake(site, settings);
        var outcome = intake.Admit(e);
        Counters.Count(outcome);
        if (outcome == IntakeOutcome.Duplicate) return [];

        var region = Region(site.RegionId);
        var view = region.ViewAt(e.OccurredAt); // taken before this event's own updates
        List<Alert>? alerts = null;
        // what the parser makes is enumerated with its struct enumerator (no allocation); any other dictionary through the interface
        if (e.Ratings is RatingDictionary parsed)
        {
            foreach (var (attributeId, value) in parsed) Observe(site, region, view, SiteIntake.Observation(e, attributeId, value), outcome, ref alerts);
        }
        else
        {
            foreach (var (attributeId, value) in e.Ratings) Observe(site, region, view, SiteIntake.Observation(e, attributeId, value), outcome, ref alerts);
        }
        return alerts ?? (IReadOnlyList<Alert>)[];
    }

    private void Observe(Site site, RegionBoard region, RegionView view, AttributeObservation observation, IntakeOutcome outcome, ref List<Alert>? alerts)
    {
        var monitor = MonitorFor(site, observation.AttributeId);
        monitor.Apply(observation, outcome.ToLateness());
        if (outcome == IntakeOutcome.TooLate) return;
        region.Update(site.SiteId, observation.AttributeId, monitor.PeerWindowStats, monitor.NpsPairs);
        var alert = monitor.Evaluate(view.PeersOf(site.SiteId, observation.AttributeId, _peers), view.ImportanceOf(observation.AttributeId), clock);
        if (alert is not null) (alerts ??= []).Add(alert);
    }

    private AttributeMonitor MonitorFor(Site site, string attributeId)
    {
        if (!_monitors.TryGetValue((site.SiteId, attributeId), out var monitor))
            _monitors[(site.SiteId, attributeId)] = monitor = new AttributeMonitor(site, catalog.Attribute(attributeId), settings);
        return monitor;
    }
}
