using Akka.Actor;
using Akka.Event;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.EventTime;
using StreamCx.Domain.Processing;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Social;
using StreamCx.Domain.Units;
using StreamCx.Engine.Alerts;
using StreamCx.Engine.Durability;
using StreamCx.Engine.Grouping;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Sites;
using StreamCx.Engine.Telemetry;

namespace StreamCx.Engine.Regions;

/// <summary>
/// One region (peer group) of this engine: hosts the <see cref="FeedbackProcessor"/> of its sites — intake, attribute
/// monitors, the region board and its views — and feeds it the way replay does. An event ahead of the frontier of
/// event time is held; once the frontier passes it, it is applied in <see cref="EventOrder"/>; an event behind the
/// frontier (late for its input) is applied at once. So a site's windows, its peers and the region's driver importance
/// are functions of event time, and the same events give the same alerts however they were split, interleaved or
/// re-read. With durability, each site's state (held events, source offsets and its share of the region's current view
/// included) is snapshotted under its own id, all of the region's changed sites in the same instant; when the region
/// starts, every site of it with a snapshot is restored, and the region's view with them, before anything is applied;
/// a site dropped on a rebalance is restored before its next event.
/// </summary>
public sealed partial class RegionActor : SnapshottingActor, IWithUnboundedStash
{
    private readonly string _regionId;
    private readonly ReferenceCatalog _catalog;
    private readonly IAlertPublisher _alerts;
    private readonly IEngineTelemetry _telemetry;
    private readonly SiteDurability? _durability;
    private readonly EventTimeProgress _progress;
    private readonly FeedbackProcessor _processor;
    private readonly HeldEvents _held = new();
    private readonly InputLogThrottle _behindLog = new();
    private readonly Dictionary<string, SiteBook> _sites = new(StringComparer.Ordinal);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly INetworkFeed? _network;
    private readonly bool _restoreOnStart;
    private DateTimeOffset? _frontier;
    private DateTimeOffset? _reportedFrontier;
    private int _monitorsReported;

    public RegionActor(
        string regionId, ReferenceCatalog catalog, DetectionSettings settings, IAlertPublisher alerts, IEngineTelemetry telemetry, SiteDurability? durability,
        EventTimeProgress progress, INetworkFeed? network, bool restoreOnStart, SocialSettings? social)
        : base("site-", durability)
    {
        _restoreOnStart = restoreOnStart;
        (_regionId, _catalog, _alerts, _telemetry, _durability, _progress, _network) = (regionId, catalog, alerts, telemetry, durability, progress, network);
        _processor = new FeedbackProcessor(catalog, settings, alerts.Clock, social);
        _viewer = new FeedbackProcessor(catalog, settings, alerts.Clock, social);
        Running();
    }

    public IStash Stash { get; set; } = null!;

    protected override void PreStart()
    {
        _telemetry.ActorStarted(EngineActorKind.Region);
        if (_durability is null) return;
        Timers.StartPeriodicTimer(SnapshotTick.Instance, SnapshotTick.Instance, _durability.Settings.EveryInterval);
        // every site of the region with a snapshot is back on the board before the region applies anything: the views its
        // sites evaluate against are then the ones they had before the restart (a region only read here restores nothing)
        if (_restoreOnStart) StartLoading(_catalog.Sites.Where(s => s.RegionId == _regionId).Select(s => s.SiteId));
    }

    protected override void PostStop()
    {
        foreach (var siteId in _sites.Keys.ToList()) Drop(siteId);
        _telemetry.ActorStopped(EngineActorKind.Region);
    }

    private void Running()
    {
        Receive<ApplyRegionFeedback>(m =>
        {
            if (StartLoading(m.Items.Select(i => i.Feedback.SiteId).Concat(m.SiteListening.Select(i => i.SiteId))))
            {
                Stash.Stash();
                return;
            }
            // in the batch's order: a site's source offsets only move forward (an offset taken covers those before it)
            var listened = 0;
            foreach (var item in m.Items)
            {
                for (; listened < m.SiteListening.Count && m.SiteListening[listened].AfterEvents <= item.Index; listened++) Accept(m.SiteListening[listened]);
                m.Receipt.Record(item.Index, Accept(item));
            }
            for (; listened < m.SiteListening.Count; listened++) Accept(m.SiteListening[listened]);
            Advance(m.Frontier);
        });
        Receive<FrontierAdvanced>(m => Advance(m.Frontier));
        Receive<ISiteQuery>(m =>
        {
            if (_sites.ContainsKey(m.SiteId) || _durability is null) Sender.Tell(Answer(_processor, m));
            else if (_viewed.Contains(m.SiteId)) Sender.Tell(Answer(_viewer, m));
            else View(m.SiteId);
        });
        Receive<ReleaseSites>(m =>
        {
            foreach (var siteId in m.SiteIds) Drop(siteId);
            ForgetViewed();
            if (m.RestoreAll) RestoreWhole();
        });
        ReceiveDurability();
    }

    /// <summary>
    /// Takes one event in: skipped when the site's restored snapshot holds it, a duplicate when the site already took
    /// its id, applied at once when it is behind the frontier, else held for the frontier (counted on time: released in
    /// event order, it is in order for its site).
    /// </summary>
    private AppliedOutcome Accept(RegionItem item)
    {
        var m = item.Feedback;
        var e = m.Event;
        var book = BookOf(e.SiteId);
        if (m.Position is { } position && book.Offsets.Covers(position)) return new AppliedOutcome(IntakeOutcome.Duplicate, AlreadyApplied: true);
        book.Offsets.Apply(m.Position);
        CountTowardsSnapshot();
        // a copy its intake forwarded again (read again from the source's committed offset after a restart) that the site
        // would count too late: known by its source position however old it is, where the ids remembered for the duplicate
        // horizon may have forgotten it. (Behind the site's highest source offset but not too late, it may be an early event
        // released after later ones of its partition: the ids decide.)
        if (m.Source is { } source && !TakeSource(book, m.Input, source) && _processor.WouldBeTooLate(e)) return new AppliedOutcome(IntakeOutcome.Duplicate, AlreadyApplied: false);
        if (book.HeldIds.Contains(e.EventId) || _processor.HasSeen(e.SiteId, e.EventId)) return new AppliedOutcome(IntakeOutcome.Duplicate, AlreadyApplied: false);
        if (item.Arrival == Arrival.Late)
        {
            if (m.Position is not null) CameBehindFrontier(m);
            var alerts = _processor.Process(e, arrivedLate: m.Position is not null, out var outcome);
            Publish(alerts, m.ConsumedAt);
            return new AppliedOutcome(outcome, AlreadyApplied: false);
        }
        book.HeldIds.Add(e.EventId);
        _held.Hold(e, m.ConsumedAt);
        _progress.HeldChanged(1);
        return new AppliedOutcome(IntakeOutcome.OnTime, AlreadyApplied: false);
    }

    /// <summary>Records the event's source position with its site; false for one at or below what the site took (the region topic names its source partition: no key is built per event).</summary>
    private static bool TakeSource(SiteBook book, string? input, SourcePosition source) =>
        input is not null ? book.Sources.Take(input, source.Offset) : book.Sources.Take(source);

    /// <summary>
    /// Takes an incident or a social mention into its site at once (skipped when the site's restored snapshot holds it): a
    /// site reads them up to the event time it evaluates, so they need not wait for the frontier.
    /// </summary>
    private void Accept(ApplySiteListening m)
    {
        var book = BookOf(m.SiteId);
        if (m.Position is { } position && book.Offsets.Covers(position))
        {
            book.Offsets.Changed(); // its offset waits for a snapshot of the site (the pipeline cannot tell it was held already): one comes
            return;
        }
        book.Offsets.Apply(m.Position);
        CountTowardsSnapshot();
        _processor.AddToSite(m.Event);
    }

    /// <summary>Counts an event read from Kafka that came behind the frontier, and names it in the log (once a minute per input).</summary>
    private void CameBehindFrontier(ApplyFeedback m)
    {
        _progress.CameBehindFrontier();
        var input = m.Input ?? m.Position!.ToString();
        if (!_behindLog.ShouldLog(input, _alerts.Clock.GetUtcNow())) return;
        _log.Warning(
            "event {0} of {1} from {2} ({3:O}) came behind the frontier of event time of region {4} ({5:O}): applied at once, out of event order",
            m.Event.EventId, m.Event.SiteId, input, m.Event.OccurredAt, _regionId, _frontier);
    }

    /// <summary>Applies, in event order, every held event the frontier passed; then snapshots if one is due.</summary>
    private void Advance(DateTimeOffset? frontier)
    {
        if (frontier is { } f && (_frontier is null || f > _frontier)) _frontier = f;
        while (_held.TryRelease(_frontier, out var e, out var consumedAt))
        {
            _progress.HeldChanged(-1);
            if (_sites.TryGetValue(e.SiteId, out var book))
            {
                book.HeldIds.Remove(e.EventId);
                book.Offsets.Changed();
            }
            Publish(_processor.Process(e), consumedAt);
        }
        ReportMonitors();
        if (_network is not null && _frontier is { } through && through != _reportedFrontier)
        {
            _reportedFrontier = through;
            Context.Parent.Tell(new RegionPassed(_regionId, through)); // after its groups raised up to then went to the network feed
        }
        if (_snapshotDue) Cut();
    }

    private void Publish(IReadOnlyList<Alert> alerts, long consumedAt)
    {
        foreach (var alert in alerts)
        {
            _telemetry.AlertEmitted(alert, consumedAt);
            _alerts.Publish(alert);
            if (alert.Factors is [GroupFactor]) _network?.Group(alert);
        }
    }

    private SiteBook BookOf(string siteId)
    {
        if (!_sites.TryGetValue(siteId, out var book))
        {
            _sites[siteId] = book = new SiteBook();
            _telemetry.ActorStarted(EngineActorKind.Site);
        }
        return book;
    }

    /// <summary>Forgets a site and its held events (it moved to another owner, or is read again from its snapshot).</summary>
    private void Drop(string siteId)
    {
        _looked.Remove(siteId);
        if (!_sites.Remove(siteId, out var book)) return;
        Dropped(siteId, book); // a save still being written: see SettleSaves
        var monitors = _processor.MonitorsOf(siteId).Count;
        _monitorsReported -= monitors;
        for (var i = 0; i < monitors; i++) _telemetry.ActorStopped(EngineActorKind.Attribute);
        _processor.Forget(siteId);
        _progress.HeldChanged(-_held.RemoveSite(siteId));
        _telemetry.ActorStopped(EngineActorKind.Site);
    }

    /// <summary>Reports the attribute monitors created since the last report (one per site-attribute the region holds).</summary>
    private void ReportMonitors()
    {
        var count = _processor.MonitorCount;
        for (; _monitorsReported < count; _monitorsReported++) _telemetry.ActorStarted(EngineActorKind.Attribute);
    }

    private static object Answer(FeedbackProcessor processor, ISiteQuery query) => query switch
    {
        GetSiteUnits u => UnitsOf(processor, u),
        GetSiteDays d => new SiteDaysFound(d.SiteId, processor.Site(d.SiteId)?.Days.Capture(d.SiteId) ?? []),
        _ => ScoresOf(processor, query.SiteId),
    };

    private static SiteUnitsFound UnitsOf(FeedbackProcessor processor, GetSiteUnits query)
    {
        var units = processor.Site(query.SiteId)?.Units ?? new SiteUnits();
        return new SiteUnitsFound(units.Scores(query.AttributeId, query.Hours), units.Drop(query.AttributeId, DropUnits.MinRecentHours, DropUnits.BaselineHours), SiteUnits.MinResponses);
    }

    private static SiteScores ScoresOf(FeedbackProcessor processor, string siteId)
    {
        var headline = processor.Site(siteId)?.Headline.Current ?? default;
        var monitors = processor.MonitorsOf(siteId);
        return new SiteScores(
            siteId,
            headline,
            monitors.ToDictionary(m => m.Attribute.AttributeId, m => m.Totals, StringComparer.Ordinal),
            monitors.ToDictionary(m => m.Attribute.AttributeId, m => m.Score(SparklineSpec.Default), StringComparer.Ordinal));
    }

    public static Props Props(
        string regionId, ReferenceCatalog catalog, DetectionSettings settings, IAlertPublisher alerts, IEngineTelemetry telemetry, SiteDurability? durability,
        EventTimeProgress progress, INetworkFeed? network = null, bool restoreOnStart = true, SocialSettings? social = null) =>
        Akka.Actor.Props.Create(() => new RegionActor(regionId, catalog, settings, alerts, telemetry, durability, progress, network, restoreOnStart, social));
}
