using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.EventTime;
using StreamCx.Domain.Grouping;
using StreamCx.Domain.Processing;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Snapshots;

namespace StreamCx.Domain.Journeys.Indicators;

/// <summary>
/// Watches the journey indicators of every site with the detectors that watch the survey attributes (trend, peer,
/// expectation; the region grouping too): the journeys' readings (<see cref="JourneyReadings"/>), from whichever engine
/// holds each journey, are held until event time has passed them everywhere, then applied in <see cref="EventOrder"/>
/// through a <see cref="FeedbackProcessor"/> of their own (the indicators as its attributes, <see
/// cref="JourneyIndicatorAttributes"/>). So <c>replay</c> (everything at the end) and the engine (as its channels pass)
/// raise the same alerts. A reading already taken (a journey read again by its next holder gives it again) counts once:
/// by its id within the sites' duplicate horizon, and as a copy when older than <see cref="CopyHorizon"/> behind the
/// channels' time. Pure: no Akka, no Kafka.
/// </summary>
public sealed class JourneyIndicatorWatch
{
    /// <summary>How far behind the channels' time a reading is still taken (older: a copy of one applied long ago).</summary>
    public static readonly TimeSpan CopyHorizon = TimeSpan.FromDays(2);

    private readonly ReferenceCatalog _catalog;
    private readonly FeedbackProcessor _processor;
    private readonly HeldEvents _held = new();
    private long _appliedBefore, _copiesBefore;

    /// <param name="catalog">The deployment's catalog (its sites); the indicators are the attributes watched.</param>
    public JourneyIndicatorWatch(ReferenceCatalog catalog, DetectionSettings settings, TimeProvider clock)
    {
        _catalog = JourneyIndicatorAttributes.CatalogFrom(catalog);
        _processor = new FeedbackProcessor(_catalog, JourneyIndicatorAttributes.Watched(settings), clock);
    }

    public int Held => _held.Count;

    /// <summary>Readings not taken: of a site not in the catalog, of no indicator, or copies.</summary>
    public long Refused { get; private set; }

    /// <summary>The readings applied by this watch and their outcomes (duplicates among them), since it was made or restored.</summary>
    public ProcessingCounters Counters => _processor.Counters;

    /// <summary>
    /// The readings applied since the stream began: those of the state it was restored from too, so an owner that takes
    /// over after a crash or a rebalance reports the same count as the one before it.
    /// </summary>
    public long Applied => _appliedBefore + Counters.OnTime + Counters.Late + Counters.TooLate;

    /// <summary>The readings taken again (duplicates) since the stream began, as <see cref="Applied"/>.</summary>
    public long Copies => _copiesBefore + Counters.Duplicates;

    /// <summary>The monitor of one site's indicator (null before its first reading).</summary>
    public AttributeMonitor? Monitor(string siteId, string attributeId) => _processor.Monitor(siteId, attributeId);

    /// <summary>Holds a reading until <see cref="Release"/> passes it; false when refused.</summary>
    public bool Take(FeedbackEvent reading, DateTimeOffset? through = null)
    {
        var valid = _catalog.TryGetSite(reading.SiteId, out _) && reading.Ratings.Count > 0
            && reading.Ratings.All(r => _catalog.TryGetAttribute(r.Key, out var a) && a.IsOnScale(r.Value));
        if (!valid || (through is { } t && reading.OccurredAt < t - CopyHorizon))
        {
            Refused++;
            return false;
        }
        _held.Hold(reading);
        return true;
    }

    /// <summary>Applies, in event order, the readings before <paramref name="before"/> (null: none yet, every channel has not told its time); the alerts they raised.</summary>
    public IReadOnlyList<Alert> Release(DateTimeOffset? before) =>
        before is { } cut ? Apply(cut.AddTicks(-1), all: false) : [];

    /// <summary>Applies every reading held, in event order (the end of a replay).</summary>
    public IReadOnlyList<Alert> Flush() => Apply(null, all: true);

    private List<Alert> Apply(DateTimeOffset? upTo, bool all)
    {
        var alerts = new List<Alert>();
        while (_held.TryRelease(upTo, out var reading, out _, all)) alerts.AddRange(_processor.Process(reading));
        return alerts;
    }

    /// <summary>Everything it holds, as plain data.</summary>
    public JourneyIndicatorWatchState Capture()
    {
        var sites = _catalog.Sites.Where(s => _processor.Site(s.SiteId) is not null).Select(s =>
        {
            var (intake, attributes) = _processor.Capture(s.SiteId);
            return new JourneyIndicatorSiteState(s.SiteId, intake, attributes, _processor.ViewShareOf(s.SiteId), _processor.GroupingOf(s.SiteId));
        }).ToList();
        return new JourneyIndicatorWatchState([.. _held.InArrivalOrder.Select(HeldReading.Of)], sites, Refused, Applied, Copies);
    }

    /// <summary>Puts back what <see cref="Capture"/> took, into a watch that took nothing yet.</summary>
    public void Restore(JourneyIndicatorWatchState state)
    {
        foreach (var site in state.Sites) _processor.Restore(site.SiteId, site.Intake, site.Attributes);
        foreach (var site in state.Sites) _processor.RestoreGrouping(site.SiteId, site.Grouping);
        foreach (var region in state.Sites.GroupBy(s => _catalog.Site(s.SiteId).RegionId))
            _processor.RestoreView(region.Key, region.ToDictionary(s => s.SiteId, s => s.View, StringComparer.Ordinal));
        foreach (var held in state.Held) _held.Hold(held.ToReading());
        Refused = state.Refused;
        (_appliedBefore, _copiesBefore) = (state.Applied, state.Copies);
    }
}

/// <summary>What a <see cref="JourneyIndicatorWatch"/> holds: the readings held, each site's state, the readings refused, applied and taken again.</summary>
public sealed record JourneyIndicatorWatchState(IReadOnlyList<HeldReading> Held, IReadOnlyList<JourneyIndicatorSiteState> Sites, long Refused, long Applied = 0, long Copies = 0);

/// <summary>One site of the watch: its intake, its indicators' monitors, its share of its region's view and its region's grouping.</summary>
public sealed record JourneyIndicatorSiteState(
    string SiteId, SiteIntakeSnapshot Intake, IReadOnlyDictionary<string, AttributeMonitorSnapshot> Attributes, ViewShare? View, GroupingState Grouping);

/// <summary>A reading held, as plain data.</summary>
public sealed record HeldReading(string EventId, DateTimeOffset OccurredAt, string SiteId, string? JourneyId, string? CustomerId, string? AccountId, IReadOnlyDictionary<string, double> Ratings)
{
    public static HeldReading Of(FeedbackEvent e) => new(e.EventId, e.OccurredAt, e.SiteId, e.JourneyId, e.CustomerId, e.AccountId, e.Ratings);

    public FeedbackEvent ToReading() => new(EventId, OccurredAt, SiteId, JourneyReadings.Channel, Ratings) { JourneyId = JourneyId, CustomerId = CustomerId, AccountId = AccountId };
}
