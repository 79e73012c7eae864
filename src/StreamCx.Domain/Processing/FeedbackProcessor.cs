using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Detection.Seasonality;
using StreamCx.Domain.Grouping;
using StreamCx.Domain.Incidents;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Snapshots;
using StreamCx.Domain.Social;

namespace StreamCx.Domain.Processing;

/// <summary>
/// The whole engine in one thread: site intake, attribute monitors and region boards wired directly, in the order
/// events are given. Each event is evaluated against its region's view at the start of the event's bucket
/// (<see cref="RegionBoard.ViewAt"/>), so fed in <see cref="EventTime.EventOrder"/> it gives the same alerts however
/// the events were split across inputs (<see cref="EventTimeProcessor"/>). A site alert cites the site's incidents and names
/// the units that make its drop (<see cref="SiteAlertContext"/>); an open one whose site's negative social mentions rise is
/// escalated as spreading (<see cref="SpreadingEscalation"/>). Used by <c>replay</c> (deterministic) and
/// by tests; the actor engine hosts the same pieces. Site alerts go through their region's <see cref="RegionGrouper"/>:
/// what it returns is what is notified (site alerts, absorbed or not, and region groups).
/// </summary>
public sealed class FeedbackProcessor(ReferenceCatalog catalog, DetectionSettings settings, TimeProvider clock, SocialSettings? social = null)
{
    private readonly SocialSettings _social = social ?? new SocialSettings();
    private readonly Dictionary<string, SiteIntake> _sites = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Site, string Attribute), AttributeMonitor> _monitors = new();
    private readonly Dictionary<string, List<AttributeMonitor>> _monitorsBySite = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RegionBoard> _regions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RegionGrouper> _groupers = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Region, string Attribute), RegionalProfiles> _regionalProfiles = new();
    private readonly List<double> _peers = [];

    public ProcessingCounters Counters { get; } = new();

    /// <summary>Attribute monitors held (one per site-attribute seen).</summary>
    public int MonitorCount => _monitors.Count;

    public IEnumerable<AttributeMonitor> Monitors => _monitors.Values;

    public AttributeMonitor? Monitor(string siteId, string attributeId) => _monitors.GetValueOrDefault((siteId, attributeId));

    public SiteIntake? Site(string siteId) => _sites.GetValueOrDefault(siteId);

    public RegionBoard Region(string regionId) =>
        _regions.TryGetValue(regionId, out var r) ? r : _regions[regionId] = new RegionBoard(regionId, settings);

    /// <summary>Applies one valid event and returns the alerts it caused (possibly none).</summary>
    public IReadOnlyList<Alert> Process(FeedbackEvent e) => Process(e, out _);

    /// <summary>The same, with what the site's intake made of the event.</summary>
    public IReadOnlyList<Alert> Process(FeedbackEvent e, out IntakeOutcome outcome) => Process(e, arrivedLate: false, out outcome);

    /// <summary>
    /// The same; <paramref name="arrivedLate"/>: the event came behind the frontier of event time (events after it were
    /// already applied), so it is evaluated against what its region knows now (<see cref="RegionBoard.Latest"/>).
    /// </summary>
    public IReadOnlyList<Alert> Process(FeedbackEvent e, bool arrivedLate, out IntakeOutcome outcome)
    {
        var site = catalog.Site(e.SiteId);
        var intake = IntakeOf(site);
        outcome = intake.Admit(e);
        Counters.Count(outcome);
        if (outcome == IntakeOutcome.Duplicate) return [];

        var region = Region(site.RegionId);
        var view = arrivedLate ? region.Latest() : region.ViewAt(e.OccurredAt); // taken before this event's own updates
        List<Alert>? alerts = null;
        // what the parser makes is enumerated with its struct enumerator (no allocation); any other dictionary through the interface
        if (e.Ratings is RatingDictionary parsed)
        {
            foreach (var (attributeId, value) in parsed) Observe(intake, region, view, SiteIntake.Observation(e, attributeId, value), outcome, ref alerts);
        }
        else
        {
            foreach (var (attributeId, value) in e.Ratings) Observe(intake, region, view, SiteIntake.Observation(e, attributeId, value), outcome, ref alerts);
        }
        return alerts ?? (IReadOnlyList<Alert>)[];
    }

    /// <summary>
    /// Takes an operational incident of a site into its book, for the site's alerts to cite; false for one it keeps already.
    /// It may come ahead of the site's feedback (another topic, read first): what is cited is the same.
    /// </summary>
    public bool AddIncident(Incident i)
    {
        var intake = IntakeOf(catalog.Site(i.SiteId!));
        if (!intake.Incidents.Add(i)) return false;
        intake.Days.Add(i.OccurredAt, i.IncidentType);
        return true;
    }

    /// <summary>
    /// How each incident type goes with each attribute (only <paramref name="attributeId"/> when given) over the region's
    /// sites' <see cref="IncidentCorrelation.Days"/> days through <paramref name="throughDay"/>.
    /// </summary>
    public IReadOnlyList<IncidentAttributeCorrelation> Correlation(string regionId, long throughDay, string? attributeId = null) =>
        IncidentCorrelation.Measure(catalog.Listening, _sites.Values.Where(s => s.Site.RegionId == regionId)
            .SelectMany(s => s.Days.Rows(s.Site.SiteId, throughDay - IncidentCorrelation.Days + 1, throughDay)), attributeId);

    /// <summary>
    /// Takes a social mention of a site, for an alert open there to be escalated when they rise; false for one that is not
    /// negative or that the site keeps already. It may come ahead of the site's feedback: what escalates is the same.
    /// </summary>
    public bool AddMention(SocialMention m) => IntakeOf(catalog.Site(m.SiteId!)).Mentions.Add(m);

    /// <summary>A listening message of a site for its alerts (<see cref="AddIncident"/>, <see cref="AddMention"/>); false for any other.</summary>
    public bool AddToSite(ListeningEvent e) => e switch
    {
        Incident { SiteId: not null } i => AddIncident(i),
        SocialMention { SiteId: not null } m => AddMention(m),
        _ => false,
    };

    /// <summary>True for a listening message a site takes for its alerts: an incident or a social mention naming the site.</summary>
    public static bool IsForSite(ListeningEvent e) => e is Incident { SiteId: not null } or SocialMention { SiteId: not null };

    private SiteIntake IntakeOf(Site site) =>
        _sites.TryGetValue(site.SiteId, out var intake) ? intake : _sites[site.SiteId] = new SiteIntake(site, settings, _social);

    /// <summary>True when the site already took an event with this id (within its duplicate horizon).</summary>
    public bool HasSeen(string siteId, string eventId) => _sites.TryGetValue(siteId, out var intake) && intake.Duplicates.Contains(eventId);

    /// <summary>True when the site would count the event too late (behind its newest event time by more than the allowed lateness).</summary>
    public bool WouldBeTooLate(FeedbackEvent e) => _sites.TryGetValue(e.SiteId, out var intake) && intake.Watermark.Classify(e.OccurredAt) == Windows.Lateness.TooLate;

    /// <summary>Everything one site holds, as plain data (its intake and each attribute monitor).</summary>
    public (SiteIntakeSnapshot Intake, IReadOnlyDictionary<string, AttributeMonitorSnapshot> Attributes) Capture(string siteId)
    {
        var intake = _sites.GetValueOrDefault(siteId) ?? new SiteIntake(catalog.Site(siteId), settings, _social);
        var attributes = new Dictionary<string, AttributeMonitorSnapshot>(StringComparer.Ordinal);
        foreach (var monitor in MonitorsOf(siteId)) attributes[monitor.Attribute.AttributeId] = monitor.ToSnapshot();
        return (intake.ToSnapshot(), attributes);
    }

    /// <summary>
    /// Puts a site back in the state it was captured in, and tells its region each restored attribute's window and pairs,
    /// so its peers see it at once. Attributes no longer in the catalog are left out.
    /// </summary>
    public void Restore(string siteId, SiteIntakeSnapshot intakeState, IReadOnlyDictionary<string, AttributeMonitorSnapshot> attributes)
    {
        var site = catalog.Site(siteId);
        Forget(site.SiteId);
        var intake = _sites[site.SiteId] = new SiteIntake(site, settings, _social);
        intake.Restore(intakeState);
        var region = Region(site.RegionId);
        foreach (var (attributeId, state) in attributes)
        {
            if (!catalog.TryGetAttribute(attributeId, out _)) continue;
            var monitor = MonitorFor(site, attributeId);
            monitor.Restore(state);
            region.Update(site.SiteId, attributeId, monitor.PeerWindowStats, monitor.NpsPairs);
        }
    }

    /// <summary>The grouping state of the site's region, saved with the site (<see cref="RestoreGrouping"/>).</summary>
    public GroupingState GroupingOf(string siteId) => GrouperOf(catalog.Site(siteId).RegionId).State;

    /// <summary>Puts back the grouping state of the site's region, if the saved copy is newer than what the region holds.</summary>
    public void RestoreGrouping(string siteId, GroupingState state) => GrouperOf(catalog.Site(siteId).RegionId).Restore(state);

    /// <summary>What the site put into its region's current view, saved with it (<see cref="RegionBoard.RestoreView"/>).</summary>
    public ViewShare ViewShareOf(string siteId) => Region(catalog.Site(siteId).RegionId).CurrentView.ShareOf(siteId);

    /// <summary>Puts back a restarted region's current view from its sites' saved shares (after restoring them all).</summary>
    public void RestoreView(string regionId, IReadOnlyDictionary<string, ViewShare?> shares) => Region(regionId).RestoreView(shares);

    /// <summary>Drops everything of one site, its place in its region's board included (it moved to another owner).</summary>
    public void Forget(string siteId)
    {
        if (!_sites.Remove(siteId, out var intake)) return;
        if (_monitorsBySite.Remove(siteId, out var monitors))
        {
            foreach (var monitor in monitors)
            {
                _monitors.Remove((siteId, monitor.Attribute.AttributeId));
                if (_regionalProfiles.TryGetValue((intake.Site.RegionId, monitor.Attribute.AttributeId), out var pooled)) pooled.Leave(siteId);
            }
        }
        Region(intake.Site.RegionId).Remove(siteId);
    }

    /// <summary>
    /// Drops the region's own state — its board and views, its grouping, its pooled profiles — once its sites are
    /// forgotten: a region restored whole starts from its snapshots alone, not from what this processor knew of it when it
    /// held the region before.
    /// </summary>
    public void ForgetRegion(string regionId)
    {
        _regions.Remove(regionId);
        _groupers.Remove(regionId);
        foreach (var key in _regionalProfiles.Keys.Where(k => k.Region == regionId).ToList()) _regionalProfiles.Remove(key);
    }

    /// <summary>The attribute monitors of one site.</summary>
    public IReadOnlyList<AttributeMonitor> MonitorsOf(string siteId) => _monitorsBySite.TryGetValue(siteId, out var monitors) ? monitors : [];

    private void Observe(SiteIntake intake, RegionBoard region, RegionView view, AttributeObservation observation, IntakeOutcome outcome, ref List<Alert>? alerts)
    {
        var site = intake.Site;
        var monitor = MonitorFor(site, observation.AttributeId);
        monitor.Apply(observation, outcome.ToLateness());
        if (outcome == IntakeOutcome.TooLate) return;
        intake.Days.Rate(observation.OccurredAt, monitor.Attribute, observation.Value);
        region.Update(site.SiteId, observation.AttributeId, monitor.PeerWindowStats, monitor.NpsPairs);
        var spreading = monitor.OpenAlert is null ? null : SpreadingEscalation.Evaluate(intake.Mentions, site.SiteId, monitor.Attribute.Label, observation.OccurredAt, _social);
        var alert = monitor.Evaluate(view.PeersOf(site.SiteId, observation.AttributeId, _peers), view.ImportanceOf(observation.AttributeId), clock, spreading);
        var joinsMove = alert is null && (alert = JoinMove(site, monitor, view, observation)) is not null;
        if (alert is null) return;
        GrouperOf(site.RegionId).Route(SiteAlertContext.Add(alert, intake, catalog.Listening, observation.OccurredAt, Bearing(site.RegionId, observation)), alerts ??= [], joinsMove);
    }

    /// <summary>
    /// A site with no alert on the attribute, while its region's group on it takes members and the site is not in it: does
    /// it fall with the move (<see cref="Detection.Drift.MoveFall"/>)? If so its alert opens and joins the group.
    /// </summary>
    private Alert? JoinMove(Site site, AttributeMonitor monitor, RegionView view, AttributeObservation observation) =>
        settings.GroupJoinZ > 0 && monitor.OpenAlert is null
        && GrouperOf(site.RegionId).JoinableSince(observation.AttributeId, site.SiteId, observation.OccurredAt) is { } since
            ? monitor.JoinMove(since, view.ImportanceOf(observation.AttributeId), clock)
            : null;

    /// <summary>
    /// The incident types the region's closed days show bearing on the observation's attribute, measured when asked (only for
    /// an incident the catalog does not tie to it). A method of its own: a lambda in the evaluation would be allocated at
    /// every observation, alert or not.
    /// </summary>
    private Func<IReadOnlyList<IncidentAttributeCorrelation>> Bearing(string regionId, AttributeObservation observation) =>
        () => Correlation(regionId, SiteDays.DayOf(observation.OccurredAt) - 1, observation.AttributeId).Where(c => c.Bears).ToArray();

    private RegionGrouper GrouperOf(string regionId) =>
        _groupers.TryGetValue(regionId, out var g) ? g : _groupers[regionId] = new RegionGrouper(regionId, catalog, settings);

    private AttributeMonitor MonitorFor(Site site, string attributeId)
    {
        if (!_monitors.TryGetValue((site.SiteId, attributeId), out var monitor))
        {
            _monitors[(site.SiteId, attributeId)] = monitor = new AttributeMonitor(site, catalog.Attribute(attributeId), settings);
            if (!_monitorsBySite.TryGetValue(site.SiteId, out var ofSite)) _monitorsBySite[site.SiteId] = ofSite = [];
            ofSite.Add(monitor);
            if (settings.PoolWeeklyEffectsInRegion)
            {
                if (!_regionalProfiles.TryGetValue((site.RegionId, attributeId), out var pooled)) _regionalProfiles[(site.RegionId, attributeId)] = pooled = new RegionalProfiles(settings.MinProfileSites);
                pooled.Join(site.SiteId, monitor.Profile);
            }
        }
        return monitor;
    }
}
