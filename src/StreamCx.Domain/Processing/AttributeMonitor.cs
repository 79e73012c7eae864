using StreamCx.Domain.Alerting;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Detection.Drift;
using StreamCx.Domain.Detection.Seasonality;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Snapshots;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Processing;

/// <summary>
/// All the state of one site-attribute — its sliding window, daily profile, alert lifecycle and verbatims — with
/// <see cref="Apply"/> for an observation and <see cref="Evaluate"/> for the factors. Plain C#: the actor only hosts it.
/// </summary>
public sealed class AttributeMonitor
{
    private readonly DetectionSettings _s;
    private readonly BucketRing _ring;
    private readonly SiteLocalTime _localTime;
    private readonly SeasonalProfile _profile;
    private readonly DriftAccumulator _drift;
    private readonly DriftAccumulator? _slowDrift;
    private readonly SlowFallEwma _slowFall;
    private readonly OpenHoursSlowFall _slowFallOpenHours = new();
    private readonly OpenHoursDrift _openHours = new();
    private readonly OpenHoursDrift _slowOpenHours = new();
    private readonly AlertLifecycle _lifecycle;
    private readonly VerbatimBuffer _verbatims;
    private readonly TrendBaselines _trendBaselines = new();
    private readonly ExpectationPrefix _expectationPrefix = new();
    private readonly RecentStepSums _recentStep = new();
    private readonly List<Signal> _signals = new(3);
    private long _learnedThroughHour = long.MinValue;
    private long _peerStatsNewest = long.MinValue;
    private WindowStats _peerStats;

    public AttributeMonitor(Site site, AttributeDefinition attribute, DetectionSettings settings)
    {
        Site = site;
        Attribute = attribute;
        _s = settings;
        var clock = new BucketClock(settings.BucketWidth);
        _ring = new BucketRing(clock, clock.BucketsIn(settings.RingSpan));
        _localTime = SiteLocalTime.For(site.TimeZone);
        _profile = new SeasonalProfile(settings, _localTime, attribute.Range);
        _drift = new DriftAccumulator(settings);
        _slowDrift = settings.SlowDriftAllowance > 0 ? new DriftAccumulator(settings, settings.SlowDriftAllowance, settings.SlowDriftThreshold) : null;
        _slowFall = new SlowFallEwma(settings);
        _lifecycle = new AlertLifecycle(site.SiteId, attribute.AttributeId, settings);
        _verbatims = new VerbatimBuffer(settings.MaxVerbatims);
    }

    public Site Site { get; }

    public AttributeDefinition Attribute { get; }

    public AttributeTotals Totals { get; private set; }

    public PairSums NpsPairs { get; private set; }

    public DateTimeOffset? NewestEventTime { get; private set; }

    public AlertState? OpenAlert => _lifecycle.Current;

    public SeasonalProfile Profile => _profile;

    /// <summary>Adds one observation. A too-late one only counts in the totals: its window is final.</summary>
    public void Apply(AttributeObservation o, Lateness lateness)
    {
        var tooLate = lateness == Lateness.TooLate || !_ring.Accepts(_ring.Clock.IndexOf(o.OccurredAt));
        Totals = Totals.Add(o.Value, tooLate);
        if (tooLate) return;
        var dissatisfied = Attribute.IsDissatisfied(o.Value);
        var index = _ring.Clock.IndexOf(o.OccurredAt);
        var newer = NewestEventTime is null || o.OccurredAt > NewestEventTime;
        if (newer)
        {
            // the hours this observation closes are learned before it moves the ring: after a closed day the ring would
            // otherwise drop the last open day's final hours unlearned (the drift kept a recovered fall's evidence and
            // signalled at the first response after the holiday)
            NewestEventTime = o.OccurredAt;
            _localTime.Observe(o.OccurredAt);
            LearnClosedHours();
        }
        var newestBefore = _ring.Newest;
        _ring.Add(o.OccurredAt, o.Value, dissatisfied);
        _trendBaselines.Written(index);
        _expectationPrefix.Written(index);
        _recentStep.Written(index);
        var writtenHour = _ring.Clock.HourIndex(index);
        _openHours.Written(writtenHour);
        _slowOpenHours.Written(writtenHour);
        _slowFallOpenHours.Written(writtenHour);
        KeepPeerStats(index, newestBefore, o.Value, dissatisfied);
        if (o.Nps is { } nps) NpsPairs = NpsPairs.Add(o.Value, nps);
        if (o.Comment is { } text) _verbatims.Add(new Verbatim(o.EventId, o.OccurredAt, o.Channel, text, o.Value), dissatisfied);
    }

    public AttributeMonitorSnapshot ToSnapshot() => new(
        _ring.Filled().ToArray(), _profile.Daily.ToArray(), _lifecycle.Current, _verbatims.Entries,
        Totals, NpsPairs, NewestEventTime, _learnedThroughHour, _profile.Weekly.ToArray(), _localTime.OffsetChanges.ToArray(), _drift.State,
        _profile.RegionalWeekly.ToArray(), _slowDrift?.State, _slowFall.State, _profile.RegionalDaily.ToArray());

    /// <summary>Puts the monitor back in the state of a snapshot taken with the same settings.</summary>
    public void Restore(AttributeMonitorSnapshot s)
    {
        _ring.Restore(s.Buckets);
        _peerStatsNewest = long.MinValue;
        _trendBaselines.Clear();
        _expectationPrefix.Clear();
        _recentStep.Clear();
        _openHours.Clear();
        _slowOpenHours.Clear();
        _slowFallOpenHours.Clear();
        _localTime.Restore(s.LocalOffsets);
        var localProfile = s.WeeklyProfile is not null; // older snapshots keyed the profile by UTC hour: learned again
        _profile.Restore(localProfile ? s.Profile : null, s.WeeklyProfile, localProfile ? s.RegionalWeekly : null, localProfile ? s.RegionalDaily : null,
            localProfile && s.Drift is { ReferenceWeight: > 0 } drift ? drift.FirstHour : null);
        _lifecycle.Restore(s.Alert);
        _verbatims.Restore(s.Verbatims);
        Totals = s.Totals;
        NpsPairs = s.NpsPairs;
        NewestEventTime = s.NewestEventTime;
        _learnedThroughHour = localProfile ? s.LearnedThroughHour : long.MinValue;
        _drift.Restore(localProfile ? s.Drift : null);
        _slowDrift?.Restore(localProfile ? s.SlowDrift : null);
        _slowFall.Restore(localProfile ? s.SlowFall : null);
    }

    /// <summary>
    /// Mean and count over the peer window: what the region compares. Summed over the buckets once per newest bucket,
    /// then kept up to date observation by observation.
    /// </summary>
    public WindowStats PeerWindowStats
    {
        get
        {
            if (_peerStatsNewest != _ring.Newest)
            {
                _peerStats = StatsOver(_s.PeerWindow);
                _peerStatsNewest = _ring.Newest;
            }
            return _peerStats;
        }
    }

    private void KeepPeerStats(long index, long newestBefore, double value, bool dissatisfied)
    {
        if (_ring.Newest != newestBefore || _peerStatsNewest != newestBefore)
        {
            _peerStatsNewest = long.MinValue; // the window moved: summed again when next read
            return;
        }
        if (index > _ring.Newest - _ring.Clock.BucketsIn(_s.PeerWindow))
            _peerStats = new WindowStats(_peerStats.Count + 1, _peerStats.Dissatisfied + (dissatisfied ? 1 : 0), _peerStats.Sum + value, _peerStats.SumSquares + (value * value));
    }

    /// <summary>Count, mean and % dissatisfied over the peer window, with a sparkline of the recent window.</summary>
    public AttributeScore Score(SparklineSpec sparkline) => AttributeScore.From(Attribute.AttributeId, _ring, _s.PeerWindow, sparkline);

    /// <summary>Re-evaluates the factors and steps the alert lifecycle; returns an alert when one must be emitted.</summary>
    public Alert? Evaluate(IReadOnlyList<double> peerValues, ImportanceFactor? importance, DateTimeOffset emittedAt) =>
        Evaluate(peerValues, importance, emittedAt, null);

    /// <summary>
    /// The same, reading the wall clock for <c>emittedAt</c> only when an alert is emitted (not at every evaluation);
    /// <paramref name="escalation"/>: a factor that escalates an alert already open (never opens one), e.g. its irritant
    /// spreading on social networks.
    /// </summary>
    public Alert? Evaluate(IReadOnlyList<double> peerValues, ImportanceFactor? importance, TimeProvider clock, Signal? escalation = null) =>
        Evaluate(peerValues, importance, default, clock, escalation);

    private Alert? Evaluate(IReadOnlyList<double> peerValues, ImportanceFactor? importance, DateTimeOffset emittedAt, TimeProvider? clock, Signal? escalation = null)
    {
        if (NewestEventTime is not { } now) return null;
        var current = _ring.Newest;
        var range = Attribute.Range;
        var signals = _signals; // reused: the decision below is consumed before the next evaluation
        signals.Clear();
        if ((TrendDetector.Evaluate(_ring, current, _profile, range, _s, _trendBaselines) ?? Drift(current, range)) is { } trend) signals.Add(trend);
        var recent = RecentStats();
        if (PeerComparison.Evaluate(PeerWindowStats, recent, peerValues, range, _s) is { } p) signals.Add(p);
        if (ExpectationDetector.Evaluate(_ring, current, _profile, range, _s, _expectationPrefix) is { } expectation) signals.Add(expectation);
        if (escalation is not null && _lifecycle.Current is not null) signals.Add(escalation);

        return Emit(_lifecycle.Step(signals, importance, recent, now), signals, emittedAt, clock);
    }

    /// <summary>
    /// Opens an alert if the site fell with its region's move on the attribute, formed at <paramref name="moveSince"/>
    /// (<see cref="MoveFall"/>); asked only when no alert is open here. The alert then lives as any other: it resolves
    /// once the level has recovered.
    /// </summary>
    public Alert? JoinMove(DateTimeOffset moveSince, ImportanceFactor? importance, TimeProvider clock)
    {
        if (NewestEventTime is not { } now || _lifecycle.Current is not null) return null;
        var current = _ring.Newest;
        if (MoveFall.Evaluate(_ring, current, _profile, _drift.State, Attribute.Range, _s, moveSince) is not { } fall) return null;
        var signals = _signals;
        signals.Clear();
        signals.Add(WithUsual(fall, current));
        return Emit(_lifecycle.Step(signals, importance, RecentStats(), now), signals, default, clock);
    }

    private Alert? Emit(AlertDecision? decision, List<Signal> signals, DateTimeOffset emittedAt, TimeProvider? clock)
    {
        if (decision is null) return null;
        var current = _ring.Newest;
        var span = WindowSpan(signals);
        var stats = StatsOver(span);
        var score = new ScoreSummary(Math.Round(stats.Mean, 3), Math.Round(stats.DissatisfiedPct, 1), stats.Count);
        var window = new TimeWindow(_ring.Clock.StartOf(current - _ring.Clock.BucketsIn(span) + 1), _ring.Clock.StartOf(current + 1));
        return AlertComposer.Compose(decision, Site, Attribute, score, window, _verbatims.Pick(), clock?.GetUtcNow() ?? emittedAt);
    }

    /// <summary>
    /// The evidence of a step over the last hours (<see cref="RecentStepCusum"/>), else the accumulated evidence of a fall, with
    /// the usual level of the current hour when the profile knows it.
    /// </summary>
    private Signal? Drift(long current, double range)
    {
        if ((RecentStepCusum.Evaluate(_ring, current, _profile, _drift.State, range, _s, _recentStep)
             ?? _drift.Evaluate(ProvisionalDrift(_drift, _openHours, current, range), range, _s.ProfileSpreadFloor)
             ?? (_slowDrift is null ? null : _slowDrift.Evaluate(ProvisionalDrift(_slowDrift, _slowOpenHours, current, range), range, _s.ProfileSpreadFloor))
             ?? _slowFall.Evaluate(ProvisionalSlowFall(current, range), _drift.State, range)) is not { } signal) return null;
        return WithUsual(signal, current);
    }

    /// <summary>A signal against the drift's reference, with the usual level of the current hour when the profile knows it.</summary>
    private Signal WithUsual(Signal signal, long current)
    {
        var hour = _ring.Clock.HourIndex(current);
        if (!_profile.IsLearned(hour)) return signal;
        return signal with { Usual = new UsualLevel(signal.NormalLevel + _profile.Offset(hour), _profile.PartOfWeek(hour)) };
    }

    /// <summary>
    /// The drift state carried on through the hours not closed yet, up to the current bucket (<see cref="OpenHoursDrift"/>).
    /// Without it the evidence of a fall would wait for the lateness allowance and the hour's end, an hour or two after
    /// the responses came.
    /// </summary>
    private DriftState ProvisionalDrift(DriftAccumulator drift, OpenHoursDrift openHours, long current, double range) =>
        !_s.DriftReadsOpenHours || _learnedThroughHour == long.MinValue
            ? drift.State
            : openHours.Read(drift, _ring, current, _learnedThroughHour, _profile, range);

    /// <summary>The slow fall's state carried on through the hours not closed yet (<see cref="OpenHoursSlowFall"/>).</summary>
    private SlowFallState ProvisionalSlowFall(long current, double range) =>
        !_s.DriftReadsOpenHours || _learnedThroughHour == long.MinValue || _s.SlowFallHalfLives.Count == 0
            ? _slowFall.State
            : _slowFallOpenHours.Read(_slowFall, _drift.State, _ring, current, _learnedThroughHour, _profile, range);

    private TimeSpan WindowSpan(IReadOnlyList<Signal> signals)
    {
        var span = _s.RecentWindow;
        foreach (var s in signals)
        {
            var candidate = s.Factor switch
            {
                TrendFactor t => TimeSpan.FromHours(t.WindowHours),
                PeerFactor => _s.PeerWindow,
                ExpectationFactor => _s.ExpectationWindow,
                _ => TimeSpan.Zero,
            };
            if (candidate > span) span = candidate;
        }
        return span;
    }

    /// <summary>
    /// The attribute right now: the recent window, stretched back bucket by bucket (at most to the peer window) until
    /// it holds the minimum number of responses, so that a low-volume site is judged on its latest responses too.
    /// </summary>
    private WindowStats RecentStats()
    {
        if (_ring.Newest == long.MinValue) return default;
        var first = _ring.Newest - _ring.Clock.BucketsIn(_s.RecentWindow) + 1;
        var oldest = _ring.Newest - _ring.Clock.BucketsIn(_s.PeerWindow) + 1;
        var stats = _ring.Stats(first, _ring.Newest);
        while (stats.Count < _s.MinRecentCount && first > oldest) stats = stats.Add(_ring.Get(--first));
        return stats;
    }

    private WindowStats StatsOver(TimeSpan span) =>
        _ring.Newest == long.MinValue ? default : _ring.Stats(_ring.Newest - _ring.Clock.BucketsIn(span) + 1, _ring.Newest);

    /// <summary>Feeds the drift accumulator and the seasonal profile with every hour that can no longer change (past lateness).</summary>
    private void LearnClosedHours()
    {
        var finalUpTo = NewestEventTime!.Value - _s.MaxOutOfOrderness - _s.AllowedLateness;
        var lastClosedHour = (finalUpTo.UtcTicks / TimeSpan.TicksPerHour) - 1;
        var perHour = _ring.Clock.BucketsIn(TimeSpan.FromHours(1));
        // called before the observation that closes the hours is added: the ring still holds them (empty before the first)
        var oldestHeld = _ring.Newest == long.MinValue ? lastClosedHour + 1 : (_ring.Newest - _ring.Capacity + 1 + perHour) / perHour;
        var from = Math.Max(_learnedThroughHour == long.MinValue ? oldestHeld : _learnedThroughHour + 1, oldestHeld);
        var unlearned = false;
        for (var hour = from; hour <= lastClosedHour; hour++)
        {
            var stats = _ring.Stats(hour * perHour, (hour * perHour) + perHour - 1);
            var borrowed = _profile.Borrows(hour);
            _slowFall.Hour(hour, stats, _profile.Offset(hour), Attribute.Range, _drift.State, borrowed); // against the drift's reference before this hour
            _drift.Hour(hour, stats, _profile.Offset(hour), Attribute.Range, borrowed); // against the profile before it learns this hour
            _slowDrift?.Hour(hour, stats, _profile.Offset(hour), Attribute.Range, borrowed);
            if (stats.Count >= _s.MinHourCountForProfile) _profile.Learn(hour, stats.Mean);
            else unlearned = true;
        }
        if (_drift.State.ReferenceWeight > 0) _profile.Began(_drift.State.FirstHour);
        if (unlearned) _profile.Closed(lastClosedHour); // a quiet hour: what the region learned meanwhile is borrowed from now on
        if (lastClosedHour > _learnedThroughHour) _learnedThroughHour = lastClosedHour;
    }
}
