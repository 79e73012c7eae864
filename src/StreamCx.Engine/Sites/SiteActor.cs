using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Processing;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Snapshots;
using StreamCx.Engine.Alerts;
using StreamCx.Engine.Attributes;
using StreamCx.Engine.Durability;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Regions;
using StreamCx.Engine.Telemetry;

namespace StreamCx.Engine.Sites;

/// <summary>
/// One site: dedups and classifies its events (<see cref="SiteIntake"/>), fans the ratings out to one child per
/// attribute, and relays its region's views to those children. With durability, it restores its latest snapshot
/// before taking any message, skips what that snapshot already holds, and captures a consistent snapshot of itself
/// and its children every N events / T seconds, reporting what became durable to the offset ledger.
/// </summary>
public sealed class SiteActor : ReceiveActor, IWithUnboundedStash, IWithTimers
{
    private sealed record SnapshotTick
    {
        public static readonly SnapshotTick Instance = new();
    }

    /// <summary>A capture that got no answer from the store in time is given up, so the next one can start.</summary>
    private sealed record CaptureTimeout(long Sequence);

    private static readonly TimeSpan CaptureDeadline = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ScoreTimeout = TimeSpan.FromSeconds(5);

    private readonly Site _site;
    private readonly ReferenceCatalog _catalog;
    private readonly DetectionSettings _settings;
    private readonly IActorRef _region;
    private readonly IAlertPublisher _alerts;
    private readonly SiteDurability? _durability;
    private readonly IEngineTelemetry _telemetry;
    private readonly SiteIntake _intake;
    private readonly SiteOffsets _offsets = new();
    private readonly Dictionary<string, IActorRef> _attributes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AttributeTotals> _totals = new(StringComparer.Ordinal);
    private readonly PendingObservations _observations = new();
    private readonly Func<string, IActorRef> _attributeActor; // AttributeFor as a delegate made once, not per send
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private long _snapshotSequence;
    private Capture? _capture;

    public SiteActor(
        Site site, ReferenceCatalog catalog, DetectionSettings settings, IActorRef region, IAlertPublisher alerts, IEngineTelemetry telemetry,
        SiteDurability? durability = null)
    {
        (_site, _catalog, _settings, _region, _alerts, _telemetry, _durability) = (site, catalog, settings, region, alerts, telemetry, durability);
        _intake = new SiteIntake(site, settings);
        _attributeActor = id => AttributeFor(id);
        if (durability is null) Running();
        else Loading();
    }

    public IStash Stash { get; set; } = null!;

    public ITimerScheduler Timers { get; set; } = null!;

    private string PersistenceId => $"site-{_site.SiteId}";

    protected override void PostStop() => _telemetry.ActorStopped(EngineActorKind.Site);

    protected override void PreStart()
    {
        _telemetry.ActorStarted(EngineActorKind.Site);
        _region.Tell(new RegisterSite(_site.SiteId, Self));
        if (_durability is not null)
            _durability.SnapshotStore.Tell(new LoadSnapshot(PersistenceId, SnapshotSelectionCriteria.Latest, long.MaxValue));
    }

    private void Loading()
    {
        Receive<LoadSnapshotResult>(m =>
        {
            if (m.Snapshot is { } selected) Restore(selected);
            StartRunning();
        });
        Receive<LoadSnapshotFailed>(m =>
        {
            _durability!.Counters.CountUnreadable();
            _log.Error(m.Cause, "snapshot of {0} could not be loaded ({1}); the site starts empty and rebuilds from what Kafka delivers", PersistenceId, m.Cause.Message);
            StartRunning();
        });
        ReceiveAny(_ => Stash.Stash());
    }

    private void StartRunning()
    {
        Become(Running);
        Stash.UnstashAll();
        Timers.StartPeriodicTimer(SnapshotTick.Instance, SnapshotTick.Instance, _durability!.Settings.EveryInterval);
    }

    private void Restore(SelectedSnapshot selected)
    {
        try
        {
            var snapshot = SnapshotCodec.Decode(selected.Snapshot, PersistenceId);
            _intake.Restore(snapshot.Intake);
            _offsets.Restore(snapshot.AppliedOffsets);
            foreach (var (attributeId, state) in snapshot.Attributes)
            {
                if (!_catalog.TryGetAttribute(attributeId, out _)) continue;
                AttributeFor(attributeId, state);
                _totals[attributeId] = state.Totals;
            }
            _snapshotSequence = selected.Metadata.SequenceNr;
        }
        catch (SnapshotFormatException e)
        {
            _durability!.Counters.CountUnreadable();
            _log.Error("{0}; the site starts empty and rebuilds from what Kafka delivers", e.Message);
        }
    }

    private void Running()
    {
        Receive<ApplyFeedback>(m =>
        {
            var applied = Apply(m);
            SendObservations();
            Sender.Tell(new FeedbackApplied(m.Event.EventId, applied.Outcome, applied.AlreadyApplied));
        });
        Receive<ApplySiteFeedback>(m =>
        {
            foreach (var (index, e) in m.Events) m.Receipt.Record(index, Apply(e));
            SendObservations();
        });
        Receive<RegionUpdate>(m =>
        {
            if (_attributes.TryGetValue(m.Snapshot.AttributeId, out var child)) child.Tell(m);
        });
        Receive<GetSiteScores>(_ =>
        {
            var headline = _intake.Headline.Current;
            var totals = new Dictionary<string, AttributeTotals>(_totals);
            var asks = _attributes.Values.Select(child => child.Ask<AttributeScore>(GetAttributeScore.Default, ScoreTimeout)).ToArray();
            Task.WhenAll(asks).PipeTo(Sender, success: scores =>
                new SiteScores(_site.SiteId, headline, totals, scores.ToDictionary(s => s.AttributeId, StringComparer.Ordinal)));
        });
        Receive<SnapshotNow>(_ =>
        {
            if (_durability is not null && _offsets.IsDirty) StartCapture();
        });
        Receive<SnapshotTick>(_ =>
        {
            if (_offsets.IsDirty) StartCapture();
        });
        Receive<CapturedState>(OnCaptured);
        Receive<SaveSnapshotSuccess>(OnSaved);
        Receive<SaveSnapshotFailure>(m => CaptureFailed(m.Metadata.SequenceNr, m.Cause));
        Receive<CaptureTimeout>(m => CaptureFailed(m.Sequence, new TimeoutException($"no answer from the snapshot store within {CaptureDeadline.TotalSeconds:0} s")));
        Receive<DeleteSnapshotsSuccess>(_ => { });
        Receive<DeleteSnapshotsFailure>(m => _log.Warning("old snapshots of {0} could not be deleted: {1}", PersistenceId, m.Cause.Message));
    }

    /// <summary>
    /// Takes one event in: skipped when the restored snapshot holds it, else admitted (dedup, lateness) and its ratings
    /// queued for their attribute actors, which get them in one message each when the event or batch is done.
    /// </summary>
    private AppliedOutcome Apply(ApplyFeedback m)
    {
        if (m.Position is { } position && _offsets.Covers(position)) return new AppliedOutcome(IntakeOutcome.Duplicate, AlreadyApplied: true);
        var outcome = _intake.Admit(m.Event);
        if (outcome != IntakeOutcome.Duplicate)
        {
            if (m.Event.Ratings is RatingDictionary parsed) // what the parser makes: enumerated without allocating
            {
                foreach (var (attributeId, value) in parsed) Queue(m, attributeId, value, outcome);
            }
            else
            {
                foreach (var (attributeId, value) in m.Event.Ratings) Queue(m, attributeId, value, outcome);
            }
        }
        _offsets.Apply(m.Position);
        if (_durability is not null && _offsets.SinceCapture >= _durability.Settings.EveryEvents)
        {
            SendObservations(); // the capture must find every applied event in the children's state
            StartCapture();
        }
        return new AppliedOutcome(outcome, AlreadyApplied: false);
    }

    private void Queue(ApplyFeedback m, string attributeId, double value, IntakeOutcome outcome)
    {
        _observations.Add(attributeId, new Observe(SiteIntake.Observation(m.Event, attributeId, value), outcome.ToLateness(), m.ConsumedAt));
        _totals[attributeId] = (_totals.TryGetValue(attributeId, out var t) ? t : default).Add(value, outcome == IntakeOutcome.TooLate);
    }

    private void SendObservations() => _observations.SendAll(_attributeActor);

    private void CaptureFailed(long sequence, Exception error)
    {
        if (_capture is not { } c || c.Sequence != sequence) return;
        _capture = null;
        _offsets.CaptureFailed();
        _durability!.Counters.CountFailed();
        _telemetry.SnapshotFailed(c.Elapsed, error);
        _log.Warning("snapshot of {0} failed ({1}); offsets stay uncommitted until a later snapshot succeeds", PersistenceId, error.Message);
    }

    private void StartCapture()
    {
        if (_capture is not null) return;
        _capture = new Capture(++_snapshotSequence, _intake.ToSnapshot(), _offsets.Capture(), _attributes.Count);
        Timers.StartSingleTimer("capture-timeout", new CaptureTimeout(_capture.Sequence), CaptureDeadline);
        foreach (var child in _attributes.Values) child.Tell(new CaptureState(_capture.Sequence));
        if (_capture.IsComplete) Save(_capture);
    }

    private void OnCaptured(CapturedState m)
    {
        if (_capture is null || m.CaptureId != _capture.Sequence) return;
        _capture.Attributes[m.AttributeId] = m.State;
        if (_capture.IsComplete) Save(_capture);
    }

    private void Save(Capture c)
    {
        var bytes = SnapshotCodec.Encode(new SiteSnapshot(SiteSnapshot.CurrentVersion, _site.SiteId, c.Intake, c.Attributes, c.Offsets));
        c.Size = bytes.Length;
        _durability!.SnapshotStore.Tell(new SaveSnapshot(new SnapshotMetadata(PersistenceId, c.Sequence, DateTime.UtcNow), bytes));
    }

    private void OnSaved(SaveSnapshotSuccess m)
    {
        if (_capture is not { } c || m.Metadata.SequenceNr != c.Sequence) return;
        _capture = null;
        Timers.Cancel("capture-timeout");
        _durability!.Counters.CountSaved(c.Size);
        _telemetry.SnapshotSaved(c.Elapsed);
        foreach (var (topic, partition, next) in _offsets.AfterCapture(c.Offsets))
            _durability.Ledger.Durable(_site.SiteId, topic, partition, next);
        _durability.SnapshotStore.Tell(new DeleteSnapshots(PersistenceId, new SnapshotSelectionCriteria(c.Sequence - 1)));
    }

    private IActorRef AttributeFor(string attributeId, AttributeMonitorSnapshot? restored = null)
    {
        if (!_attributes.TryGetValue(attributeId, out var child))
        {
            var (site, attribute, settings, region, alerts, telemetry) = (_site, _catalog.Attribute(attributeId), _settings, _region, _alerts, _telemetry);
            var props = Props.Create(() => new AttributeActor(site, attribute, settings, region, alerts, telemetry, restored));
            _attributes[attributeId] = child = Context.ActorOf(props, $"attribute-{_attributes.Count}");
        }
        return child;
    }

    private sealed class Capture(long sequence, SiteIntakeSnapshot intake, IReadOnlyDictionary<string, long> offsets, int children)
    {
        public long Sequence { get; } = sequence;
        public SiteIntakeSnapshot Intake { get; } = intake;
        public IReadOnlyDictionary<string, long> Offsets { get; } = offsets;
        public Dictionary<string, AttributeMonitorSnapshot> Attributes { get; } = new(StringComparer.Ordinal);
        private readonly long _startedAt = System.Diagnostics.Stopwatch.GetTimestamp();

        public int Size { get; set; }
        public TimeSpan Elapsed => System.Diagnostics.Stopwatch.GetElapsedTime(_startedAt);
        public bool IsComplete => Attributes.Count == children;
    }
}
