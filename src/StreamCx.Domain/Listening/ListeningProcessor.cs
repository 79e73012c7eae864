using StreamCx.Domain.Channels;
using StreamCx.Domain.Complaints;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.EventTime;
using StreamCx.Domain.Incidents;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Service;
using StreamCx.Domain.Snapshots;
using StreamCx.Domain.Social;

namespace StreamCx.Domain.Listening;

/// <summary>
/// The listening sources in one place (pure): complaints (<see cref="ComplaintProcessor"/>), social mentions
/// (<see cref="SocialProcessor"/>; a site whose complaints surge is an irritant already alerting there: its mentions
/// accelerating make a <c>spreading</c> social alert), and the counts of every type.
/// <c>replay</c> gives it the messages in <see cref="EventOrder"/> (<see cref="Apply"/>); the engine offers them as they
/// come (<see cref="Offer"/>) and they wait until its frontier of event time passes them (<see cref="Advance"/>), then go
/// in the same order — so live gives what replay gives on what arrives in order. One behind the frontier is applied on
/// arrival and counted late. All of it can be captured as plain data (<see cref="Capture"/>) and put back into a fresh
/// processor (<see cref="Restore"/>), which then goes on as the captured one would have.
/// </summary>
public sealed class ListeningProcessor
{
    private readonly FrontierHold<ListeningEvent> _held = new(e => e.OccurredAt, e => e.EventId);
    private readonly ReferenceCatalog _catalog;
    private bool _tookSomething;

    public ListeningProcessor(
        ReferenceCatalog catalog, ComplaintSettings complaints, TimeProvider clock, SocialSettings? social = null, ChannelSettings? channels = null)
    {
        _catalog = catalog;
        Channels = new ChannelProcessor(catalog, channels ?? new ChannelSettings(), clock);
        Incidents = new IncidentShelf(catalog);
        Complaints = new ComplaintProcessor(catalog, complaints, clock, Incidents.Cite);
        Social = new SocialProcessor(catalog, social ?? new SocialSettings(), clock, Incidents.Cite);
        Internal = new ComplaintProcessor(catalog, complaints, clock, Incidents.Cite, new InternalReportWording(catalog));
        IncidentSurges = new ComplaintProcessor(catalog, complaints, clock, null, new IncidentWording(catalog));
        Service = new ServiceKpis(catalog);
    }

    /// <summary>Service figures (FCR, AHT, contacts) per site and channel beside NPS and CSAT, from the feedback observed.</summary>
    public ServiceKpis Service { get; }

    /// <summary>Channels and touchpoints on shared indicators (the <c>channel</c> factor), from the feedback offered (<see cref="OfferFeedback"/>).</summary>
    public ChannelProcessor Channels { get; }

    /// <summary>
    /// A feedback event, for <see cref="Service"/> only: sums by site and day, so the order feedback comes in does not change
    /// what it measures (feedback is not held for the frontier).
    /// </summary>
    public void Observe(FeedbackEvent e)
    {
        _tookSomething = true;
        Service.Observe(e);
    }

    /// <summary>
    /// A feedback event as the engine takes it: observed (<see cref="Observe"/>) and offered to <see cref="Channels"/>, where it
    /// waits for the frontier like the listening messages (what <c>replay</c> gives <see cref="ChannelProcessor.Apply"/> in order).
    /// </summary>
    public IReadOnlyList<Alert> OfferFeedback(FeedbackEvent e)
    {
        Observe(e);
        return Channels.Offer(e);
    }

    /// <summary>Negative staff reports by site and attribute or topic, tested for surges like complaints (<c>internal</c> factor).</summary>
    public ComplaintProcessor Internal { get; }

    public ComplaintProcessor Complaints { get; }

    public SocialProcessor Social { get; }

    /// <summary>Every site's incidents, cited by the complaint and social alerts of the site.</summary>
    public IncidentShelf Incidents { get; }

    /// <summary>Incidents by site and type, tested for surges like complaints (<c>incidents</c> factor: an early warning).</summary>
    public ComplaintProcessor IncidentSurges { get; }

    /// <summary>Messages taken in, by type, and their uncatalogued values.</summary>
    public ListeningCounters Counters { get; } = new();

    /// <summary>Messages that arrived behind the frontier (applied at once).</summary>
    public long Late { get; private set; }

    /// <summary>Listening messages and feedback (for <see cref="Channels"/>) waiting for the frontier.</summary>
    public int Held => _held.Count + Channels.Held;

    /// <summary>Applies one message now (the caller gives them in event order).</summary>
    public IReadOnlyList<Alert> Apply(ListeningEvent e)
    {
        _tookSomething = true;
        Counters.Count(e);
        return e switch
        {
            Complaint c => Complaints.Process(c),
            SocialMention m => Social.Process(m, IrritantAt),
            Incident i => AddIncident(i),
            InternalReport { Sentiment: < 0 } r => Internal.Process(new CountedEvent(
                r.EventId, r.OccurredAt, r.SiteId!, r.AttributeId ?? InternalReportWording.TopicPrefix + r.Topic, r.ReporterRole)),
            _ => [],
        };
    }

    /// <summary>Holds one message until the frontier passes it (applied at once if it already has: late).</summary>
    public IReadOnlyList<Alert> Offer(ListeningEvent e)
    {
        _tookSomething = true;
        if (_held.IsLate(e))
        {
            Late++;
            return Apply(e);
        }
        _held.Hold(e);
        return [];
    }

    /// <summary>
    /// The frontier of event time moved: every message at or before it has been delivered; applies those held, in event
    /// order, then the feedback <see cref="Channels"/> held (which tests the hours the frontier closed).
    /// </summary>
    public IReadOnlyList<Alert> Advance(DateTimeOffset frontier)
    {
        _tookSomething = true;
        var channels = Channels.Advance(frontier);
        if (!_held.Advance(frontier)) return channels;
        List<Alert>? alerts = null;
        while (_held.TryRelease(out var next))
            if (Apply(next) is { Count: > 0 } emitted) (alerts ??= []).AddRange(emitted);
        if (channels.Count > 0) (alerts ??= []).AddRange(channels);
        return alerts ?? (IReadOnlyList<Alert>)[];
    }

    /// <summary>Everything the processor holds, as plain data (JSON-serialisable by System.Text.Json); the held messages in the order they will go.</summary>
    public ListeningSnapshot Capture() => new(
        ListeningSnapshot.CurrentVersion,
        Complaints.Capture(), Internal.Capture(), Social.Capture(), Incidents.Capture(),
        Service.Capture(), Counters.Capture(),
        [.. _held.InOrder().Select(h => HeldListeningMessage.Of(h.Message, h.Arrival))],
        _held.FrontierTime, _held.Arrivals, Late)
    {
        Channels = Channels.Capture(),
        IncidentSurges = IncidentSurges.Capture(),
    };

    /// <summary>
    /// Puts a captured state back into a freshly constructed processor (same catalog and settings); throws
    /// <see cref="InvalidOperationException"/> if this processor already took something (a message, feedback, a frontier
    /// or a snapshot), and <see cref="ArgumentException"/> for a snapshot of another format version.
    /// </summary>
    public void Restore(ListeningSnapshot snapshot)
    {
        if (_tookSomething) throw new InvalidOperationException("a listening state can only be restored into a processor that has taken nothing yet");
        if (snapshot.Version != ListeningSnapshot.CurrentVersion)
            throw new ArgumentException($"listening snapshot of format version {snapshot.Version}; this processor reads version {ListeningSnapshot.CurrentVersion}", nameof(snapshot));
        _tookSomething = true;
        Complaints.Restore(snapshot.Complaints);
        Internal.Restore(snapshot.Internal);
        Social.Restore(snapshot.Social);
        Incidents.Restore(snapshot.Incidents);
        Service.Restore(snapshot.Service);
        Counters.Restore(snapshot.Counters);
        _held.Restore(snapshot.Held.Select(h => (h.ToEvent(), h.Arrival)), snapshot.Frontier, snapshot.Arrivals);
        Late = snapshot.Late;
        if (snapshot.Channels is { } channels) Channels.Restore(channels);
        if (snapshot.IncidentSurges is { } surges) IncidentSurges.Restore(surges);
    }

    private IReadOnlyList<Alert> AddIncident(Incident i)
    {
        if (!Incidents.Add(i)) return [];
        return IncidentSurges.Process(new CountedEvent(i.EventId, i.OccurredAt, i.SiteId!, i.IncidentType, IncidentChannel));
    }

    /// <summary>The channel incidents are counted under (they come from operations, not from customers).</summary>
    public const string IncidentChannel = "operations";

    /// <summary>The irritant alerting at a site now, as the listening sources know it: its first complaint reason surging.</summary>
    private string? IrritantAt(string siteId)
    {
        if (Complaints.Site(siteId) is not { } site) return null;
        var reason = site.Alerts.Where(a => !a.Value.Resolved).Select(a => a.Key).Order(StringComparer.Ordinal).FirstOrDefault();
        if (reason is null) return null;
        return $"complaints about \"{(_catalog.Listening.TryGetReason(reason, out var r) ? r.Label : reason)}\"";
    }
}
