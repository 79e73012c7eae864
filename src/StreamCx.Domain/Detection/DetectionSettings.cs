namespace StreamCx.Domain.Detection;

/// <summary>
/// Every knob of the detectors and the alert policy (see README "How alerts are decided"). The thresholds (TrendZ,
/// UnlearnedHourTrendZ, MinTrendRecentCount, PeerZ, DriftAllowance, DriftThreshold, StepAllowance, StepThreshold, SlowFallHalfLives, SlowFallZ, WeeklyEffectSpread, GroupJoinZ, GroupJoinMinCount) are calibrated on the labelled
/// benchmark across seeds (perf/results/detection.md), the rest on the scenarios of the test suite. Effects are fractions of the attribute's scale range (max - min).
/// </summary>
public sealed record DetectionSettings
{
    // Windows and event time
    public TimeSpan BucketWidth { get; init; } = TimeSpan.FromMinutes(15);
    public TimeSpan MaxOutOfOrderness { get; init; } = TimeSpan.FromMinutes(5);
    public TimeSpan AllowedLateness { get; init; } = TimeSpan.FromHours(1);
    public TimeSpan DuplicateHorizon { get; init; } = TimeSpan.FromHours(48);
    public int MaxRememberedEventIdsPerSite { get; init; } = 200_000;

    // Trend: a ramp fitted to the recent hours against the baseline before them
    public TimeSpan BaselineWindow { get; init; } = TimeSpan.FromHours(24);
    public IReadOnlyList<TimeSpan> TrendScales { get; init; } = [TimeSpan.FromHours(2), TimeSpan.FromHours(3), TimeSpan.FromHours(4)];
    public double TrendZ { get; init; } = 5.5;
    /// <summary>The z asked of a trend while the seasonal profile has not learned the current hour of the day (new site-attribute).</summary>
    public double UnlearnedHourTrendZ { get; init; } = 7;
    /// <summary>
    /// Responses a trend span must hold before its z is read. The z already carries the span's sample size (and the
    /// baseline's error), so this only guards the normal approximation, as <see cref="MinExpectationCount"/> does. 20, not
    /// 30: at a site of 15–20 responses an hour (three quarters rate a given attribute) the 2 h span holds 14–25 responses
    /// 2 h after a step, and the trend was blind there until the step test or a longer span found it. On the benchmark's 15
    /// calibration seeds: fast irritants 38 → 39 of 89 found by 2 h (median 2.26 → 2.20 h), false alarms at the top of the
    /// page 0.48 → 0.47; 10 and 15 give the same; on the hold-out seeds the same fast median at 0.45 → 0.48
    /// (perf/results/detection.md).
    /// </summary>
    public int MinTrendRecentCount { get; init; } = 20;
    /// <summary>
    /// Responses the trend's baseline (<see cref="BaselineWindow"/> before a span) must hold. The z already counts the
    /// baseline mean's own error, so this only guards the spread's estimate. It is also the weight the drift accumulators'
    /// reference must have before their evidence accumulates (a sparse site starts accumulating sooner). 30, not 60: after a quiet day (a Sunday open
    /// only in the morning) the 24 h before a Monday-morning span hold fewer than 60 responses at a site of 15–25 an hour,
    /// and the trend was blind there until the afternoon (half the benchmark's fast irritants start on a Monday;
    /// perf/results/detection.md). A longer baseline window instead costs false opens (the profile's misfit across days).
    /// </summary>
    public int MinBaselineCount { get; init; } = 30;
    public double MinTrendEffect { get; init; } = 0.075;
    /// <summary>
    /// The least spread a trend's baseline is taken to have, as a fraction of the scale (0: its own, however small). Survey
    /// ratings always spread; readings that are all 0 or 10 (the journey indicators) may not: a baseline of green journeys
    /// only would make one red journey a fall of any z (<see cref="Journeys.Indicators.JourneyIndicatorAttributes.Watched"/>).
    /// </summary>
    public double TrendSpreadFloor { get; init; }
    /// <summary>
    /// How much an hour's mean wanders beyond sampling (the profile's own error, a busy hour's mood), as a fraction of the
    /// scale, in the trend's z: a fall of a few hundredths over hundreds of responses is not significant. 0: sampling only.
    /// Off by default: at 0.02–0.03 it removes the trend's false opens at the busiest sites of the benchmark, but slows a
    /// clear ramp in a calm world (even 0.005 puts fewer than 22 of 30 ramps of TrendScenarioTests before 3 h) and the fast
    /// irritants of the benchmark (median 2.31 → 2.36 h) (perf/results/detection.md).
    /// </summary>
    public double TrendHourSpread { get; init; } = 0;
    /// <summary>
    /// Measure a trend's fall from the baseline's mean or the usual level (the learned profile's), whichever is lower.
    /// A baseline above the usual level is a day better than its profile expects — typically the week after an incident
    /// that the weekly profile half-learned (the region's Tuesday incident makes next Tuesday's daytime look good): a
    /// return to the usual level in the evening then read as a fall (z −5 to −6 at the busiest sites). Off, the benchmark's
    /// false alarms at the top of the page rise from 0.49 to 0.59 per 1,000 site-attribute-days on 15 seeds (TrendZ 5:
    /// 0.61 → 1.00), with the same fast median (perf/results/detection.md).
    /// </summary>
    public bool TrendFromUsualLevel { get; init; } = true;

    // Drift: evidence of a fall accumulated hour by hour (CUSUM), for sparse sites and slow drifts
    /// <summary>Allowance k per response, in standard deviations: half the smallest fall (in σ) worth accumulating.</summary>
    public double DriftAllowance { get; init; } = 0.5;
    /// <summary>Evidence S (in σ × responses) at which the accumulated fall signals.</summary>
    public double DriftThreshold { get; init; } = 16;
    /// <summary>Half-life of the reference level and spread the drift is measured against.</summary>
    public TimeSpan DriftReferenceHalfLife { get; init; } = TimeSpan.FromHours(72);
    /// <summary>How much an hour's mean wanders beyond sampling, as a fraction of the scale: caps a busy hour's weight.</summary>
    public double DriftHourSpread { get; init; } = 0.02;
    /// <summary>
    /// Read the drift evidence through the hours not closed yet (the current hour and those still open to late events),
    /// provisionally at each evaluation, instead of waiting for an hour to close (its end plus the lateness allowance).
    /// </summary>
    public bool DriftReadsOpenHours { get; init; } = true;
    /// <summary>
    /// Allowance k of a second, slower drift accumulator (in σ): a fall of about 2k accumulates, for ramps spread over a
    /// day or two whose early hours are below the main allowance. 0 turns it off. On since groups stop taking members
    /// (<see cref="GroupInterval"/>): before, an alert it held kept the first Saturday's group open into the next week,
    /// where it absorbed a new region-wide move. Calibrated on the benchmark's seeds 1–5 with <see cref="SlowDriftThreshold"/>
    /// (perf/results/detection.md).
    /// </summary>
    public double SlowDriftAllowance { get; init; } = 0.25;
    /// <summary>Evidence at which the slow drift accumulator signals (higher than <see cref="DriftThreshold"/>: small falls are common).</summary>
    public double SlowDriftThreshold { get; init; } = 30;

    /// <summary>
    /// Half-lives, in hours with responses, of the slow fall's exponentially weighted averages of the standardised fall
    /// (Drift/SlowFallEwma): a ramp over a day or two read as the average fall over its last open hours. Empty turns it off.
    /// One of 8 h, with <see cref="SlowFallZ"/> 5.25, calibrated on the benchmark's 15 calibration seeds: slow-48h ramps found
    /// before 60 % 30 → 32 of 45 at 0.49 → 0.48 false alarms at the top of the page; longer or several half-lives found no
    /// more within the budget (perf/results/detection.md).
    /// </summary>
    public IReadOnlyList<TimeSpan> SlowFallHalfLives { get; init; } = [TimeSpan.FromHours(8)];
    /// <summary>The z (the weighted fall over its standard error, hour wander included) at which a slow fall average signals.</summary>
    public double SlowFallZ { get; init; } = 5.25;

    // Step: Page's test over the last hours (Drift/RecentStepCusum), against the drift's reference level and spread
    /// <summary>
    /// Allowance k of the recent step test, in standard deviations: half the step (in σ) it is tuned to. 0 turns it off.
    /// With <see cref="StepThreshold"/> 14, calibrated on the benchmark's calibration seeds: the fast irritants' median
    /// 2.41 → 2.26 h (15 seeds) at 0.46 → 0.49 false alarms per 1,000 site-attribute-days; every setting that is faster
    /// costs more than the budget of 0.5 (perf/results/detection.md).
    /// </summary>
    public double StepAllowance { get; init; } = 0.5;
    /// <summary>Evidence (in σ × responses, as <see cref="DriftThreshold"/>) at which the recent step test signals.</summary>
    public double StepThreshold { get; init; } = 14;
    /// <summary>How far back the recent step test looks for the step's onset.</summary>
    public TimeSpan StepHorizon { get; init; } = TimeSpan.FromHours(4);
    /// <summary>Responses since the step's onset the recent step test needs before it signals.</summary>
    public int StepMinCount { get; init; } = 10;

    // Peer: the site against the median of its region
    public TimeSpan PeerWindow { get; init; } = TimeSpan.FromHours(12);
    public int MinPeers { get; init; } = 5;
    public int MinPeerSampleSize { get; init; } = 30;
    public double PeerZ { get; init; } = 4.0;
    public double MinPeerEffect { get; init; } = 0.1;
    public double PeerSpreadFloor { get; init; } = 0.05;

    // Seasonal profile (daily and weekly, in the site's local time) and expectation: the attribute against its own rhythm
    public TimeSpan ExpectationWindow { get; init; } = TimeSpan.FromHours(2);
    public int MinProfileDays { get; init; } = 3;
    public double ProfileSmoothing { get; init; } = 0.25;
    /// <summary>Smoothing of the weekly slots, over weeks.</summary>
    public double WeeklyProfileSmoothing { get; init; } = 0.5;
    /// <summary>Typical size of a weekly effect (an hour of the week unlike its hour of the day), as a fraction of the scale: the prior of the weekly slots' shrinkage.</summary>
    public double WeeklyEffectSpread { get; init; } = 0.05;
    /// <summary>
    /// Pool the weekly slots of an attribute over the sites of a region (hierarchical shrinkage): a usual hour of the week
    /// seen at many sites is believed sooner than one site's own weeks allow (<see cref="Seasonality.RegionalProfiles"/>).
    /// </summary>
    public bool PoolWeeklyEffectsInRegion { get; init; } = true;
    /// <summary>
    /// Typical departure of a site's weekly effect from its region's, as a fraction of the scale: how far a site's own
    /// weeks may pull it from the region's usual hour of the week (0: every site takes the region's effect).
    /// </summary>
    public double SiteWeeklyEffectSpread { get; init; } = 0.03;
    /// <summary>
    /// With <see cref="PoolWeeklyEffectsInRegion"/>: in a site-attribute's learning days (<see cref="MinProfileDays"/>), an hour
    /// of the day it has not learned takes the region's daily shape — how far that hour sits from the level at the region's
    /// sites that learned it — so a new site expects the region's lunch dip from its first day, and its detectors are not
    /// silent for such an hour (<see cref="Seasonality.RegionalProfiles"/>). Past its learning days a site keeps to its own.
    /// </summary>
    public bool BorrowRegionalDailyShape { get; init; } = true;
    /// <summary>Sites of the region that must have learned an hour of the day before its shape can be borrowed.</summary>
    public int MinProfileSites { get; init; } = 2;
    public int MinHourCountForProfile { get; init; } = 5;
    public int MinExpectationCount { get; init; } = 20;
    public double ExpectationZ { get; init; } = 4.0;
    public double MinExpectationEffect { get; init; } = 0.075;
    public double ProfileSpreadFloor { get; init; } = 0.02;

    // Grouping: one grouped alert for a move at many sites at once (Grouping/RegionGrouper, Grouping/NetworkGrouper)
    /// <summary>Site alerts opened on one attribute within this span of event time are candidates for one group.</summary>
    public TimeSpan GroupWindow { get; init; } = TimeSpan.FromHours(3);
    /// <summary>
    /// How long after its last join (in event time) a region or network group still takes new members; after it, an alert
    /// opening on the same attribute is a new move and forms a new group of its own (Alertmanager-like group lifetime),
    /// while the quiet group keeps its members until they have all recovered. A day: a move still spreading the next morning
    /// (shops close at night) is the same move; one that starts two days after the last join is a new one
    /// (perf/results/detection.md).
    /// </summary>
    public TimeSpan GroupInterval { get; init; } = TimeSpan.FromDays(1);
    /// <summary>Sites of one region whose alerts on one attribute open within the window for a region group (at least).</summary>
    public int MinGroupSites { get; init; } = 2;
    /// <summary>Share of the region's sites that must open for a region group (the larger of the two counts).</summary>
    public double MinGroupShare { get; init; } = 0.2;
    /// <summary>Regions whose groups on one attribute open within the window for a network group.</summary>
    public int MinGroupRegions { get; init; } = 2;
    /// <summary>
    /// Network groups on (replay and the engine alike). Several engines each group only their own regions' groups: set it
    /// to false there to keep replay and live identical (region groups stay).
    /// </summary>
    public bool NetworkGroups { get; init; } = true;
    /// <summary>
    /// The z at which a site falling with its region's move joins the move's group (<see cref="Drift.MoveFall"/>), asked while
    /// the group takes members, for <see cref="GroupJoinHorizon"/> after it formed, of the region's sites not in it: a move
    /// already seen at several sites warrants less evidence at one more. 0 turns it off.
    /// </summary>
    public double GroupJoinZ { get; init; } = 3;
    /// <summary>How long after a region group formed its region's other sites are asked whether they fell with it.</summary>
    public TimeSpan GroupJoinHorizon { get; init; } = TimeSpan.FromHours(12);
    /// <summary>Responses since the move's onset a site needs before it can join the move's group.</summary>
    public int GroupJoinMinCount { get; init; } = 10;

    // Importance: correlation of the attribute with NPS in the region
    public int MinImportancePairs { get; init; } = 100;

    // Alert policy
    public TimeSpan UpdateMinInterval { get; init; } = TimeSpan.FromMinutes(30);
    public double UpdateSeverityDelta { get; init; } = 0.15;
    /// <summary>"Now" for recovery and peer checks: this span, stretched back until it holds <see cref="MinRecentCount"/> responses.</summary>
    public TimeSpan RecentWindow { get; init; } = TimeSpan.FromHours(1);
    public int MinRecentCount { get; init; } = 10;
    public double RecoveredFraction { get; init; } = 0.75;
    public TimeSpan ResolveAfter { get; init; } = TimeSpan.FromHours(1);
    public int MaxVerbatims { get; init; } = 3;

    /// <summary>Span the bucket ring must cover: the baseline plus the longest trend scale plus lateness.</summary>
    public TimeSpan RingSpan =>
        BaselineWindow + TrendScales.Max() + AllowedLateness + MaxOutOfOrderness + BucketWidth;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        void Positive(TimeSpan v, string name) { if (v <= TimeSpan.Zero) errors.Add($"{name} must be positive, got {v}"); }
        void NonNegative(TimeSpan v, string name) { if (v < TimeSpan.Zero) errors.Add($"{name} must not be negative, got {v}"); }
        void AtLeast(double v, double min, string name) { if (!(v >= min)) errors.Add($"{name} must be at least {min}, got {v}"); }
        void Fraction(double v, string name) { if (!(v > 0 && v <= 1)) errors.Add($"{name} must be in (0, 1], got {v}"); }

        Positive(BucketWidth, nameof(BucketWidth));
        if (BucketWidth > TimeSpan.FromHours(1) || (BucketWidth > TimeSpan.Zero && TimeSpan.FromHours(1).Ticks % BucketWidth.Ticks != 0))
            errors.Add($"{nameof(BucketWidth)} must divide one hour, got {BucketWidth}");
        NonNegative(MaxOutOfOrderness, nameof(MaxOutOfOrderness));
        NonNegative(AllowedLateness, nameof(AllowedLateness));
        Positive(DuplicateHorizon, nameof(DuplicateHorizon));
        Positive(BaselineWindow, nameof(BaselineWindow));
        Positive(PeerWindow, nameof(PeerWindow));
        Positive(GroupWindow, nameof(GroupWindow));
        Positive(GroupInterval, nameof(GroupInterval));
        AtLeast(MinGroupRegions, 2, nameof(MinGroupRegions));
        AtLeast(MinGroupSites, 2, nameof(MinGroupSites));
        if (!(GroupJoinZ >= 0)) errors.Add($"{nameof(GroupJoinZ)} must not be negative, got {GroupJoinZ}");
        Positive(GroupJoinHorizon, nameof(GroupJoinHorizon));
        if (GroupJoinHorizon + GroupWindow > TimeSpan.FromHours(Drift.MoveFall.MaxHours - 2))
            errors.Add($"{nameof(GroupJoinHorizon)} and {nameof(GroupWindow)} together must be under {Drift.MoveFall.MaxHours - 2} h, got {GroupJoinHorizon + GroupWindow}");
        AtLeast(GroupJoinMinCount, 2, nameof(GroupJoinMinCount));
        Fraction(MinGroupShare, nameof(MinGroupShare));
        Positive(DriftReferenceHalfLife, nameof(DriftReferenceHalfLife));
        if (!(DriftAllowance >= 0)) errors.Add($"{nameof(DriftAllowance)} must not be negative, got {DriftAllowance}");
        AtLeast(DriftThreshold, 1, nameof(DriftThreshold));
        Fraction(DriftHourSpread, nameof(DriftHourSpread));
        if (!(TrendHourSpread is >= 0 and <= 1)) errors.Add($"{nameof(TrendHourSpread)} must be in [0, 1], got {TrendHourSpread}");
        if (!(SlowDriftAllowance >= 0)) errors.Add($"{nameof(SlowDriftAllowance)} must not be negative, got {SlowDriftAllowance}");
        AtLeast(SlowDriftThreshold, 1, nameof(SlowDriftThreshold));
        foreach (var h in SlowFallHalfLives) Positive(h, nameof(SlowFallHalfLives));
        AtLeast(SlowFallZ, 1, nameof(SlowFallZ));
        if (!(StepAllowance >= 0)) errors.Add($"{nameof(StepAllowance)} must not be negative, got {StepAllowance}");
        AtLeast(StepThreshold, 1, nameof(StepThreshold));
        Positive(StepHorizon, nameof(StepHorizon));
        if (StepHorizon > RingSpan) errors.Add($"{nameof(StepHorizon)} must fit in the ring ({RingSpan})");
        AtLeast(StepMinCount, 2, nameof(StepMinCount));
        Positive(ExpectationWindow, nameof(ExpectationWindow));
        Positive(RecentWindow, nameof(RecentWindow));
        NonNegative(ResolveAfter, nameof(ResolveAfter));
        NonNegative(UpdateMinInterval, nameof(UpdateMinInterval));
        if (TrendScales.Count == 0) errors.Add($"{nameof(TrendScales)} must list at least one span");
        foreach (var s in TrendScales) Positive(s, nameof(TrendScales));
        if (PeerWindow > RingSpan || ExpectationWindow > RingSpan)
            errors.Add($"{nameof(PeerWindow)} and {nameof(ExpectationWindow)} must fit in the ring ({RingSpan})");
        AtLeast(TrendZ, 1, nameof(TrendZ));
        AtLeast(UnlearnedHourTrendZ, 1, nameof(UnlearnedHourTrendZ));
        AtLeast(PeerZ, 1, nameof(PeerZ));
        AtLeast(ExpectationZ, 1, nameof(ExpectationZ));
        AtLeast(MinPeers, 1, nameof(MinPeers));
        AtLeast(MinProfileDays, 1, nameof(MinProfileDays));
        AtLeast(MinProfileSites, 1, nameof(MinProfileSites));
        AtLeast(MinTrendRecentCount, 2, nameof(MinTrendRecentCount));
        AtLeast(MinBaselineCount, 2, nameof(MinBaselineCount));
        AtLeast(MinPeerSampleSize, 1, nameof(MinPeerSampleSize));
        AtLeast(MinExpectationCount, 2, nameof(MinExpectationCount));
        AtLeast(MinImportancePairs, 3, nameof(MinImportancePairs));
        AtLeast(MinRecentCount, 1, nameof(MinRecentCount));
        AtLeast(MaxVerbatims, 0, nameof(MaxVerbatims));
        AtLeast(MaxRememberedEventIdsPerSite, 1, nameof(MaxRememberedEventIdsPerSite));
        Fraction(ProfileSmoothing, nameof(ProfileSmoothing));
        Fraction(WeeklyProfileSmoothing, nameof(WeeklyProfileSmoothing));
        if (!(WeeklyEffectSpread is >= 0 and <= 1)) errors.Add($"{nameof(WeeklyEffectSpread)} must be in [0, 1], got {WeeklyEffectSpread}");
        if (!(SiteWeeklyEffectSpread is >= 0 and <= 1)) errors.Add($"{nameof(SiteWeeklyEffectSpread)} must be in [0, 1], got {SiteWeeklyEffectSpread}");
        Fraction(RecoveredFraction, nameof(RecoveredFraction));
        Fraction(MinTrendEffect, nameof(MinTrendEffect));
        Fraction(MinPeerEffect, nameof(MinPeerEffect));
        Fraction(MinExpectationEffect, nameof(MinExpectationEffect));
        Fraction(PeerSpreadFloor, nameof(PeerSpreadFloor));
        Fraction(ProfileSpreadFloor, nameof(ProfileSpreadFloor));
        if (TrendSpreadFloor is < 0 or >= 1 || double.IsNaN(TrendSpreadFloor)) errors.Add($"{nameof(TrendSpreadFloor)} must be from 0 to below 1, got {TrendSpreadFloor}");
        Fraction(UpdateSeverityDelta, nameof(UpdateSeverityDelta));
        return errors;
    }
}
