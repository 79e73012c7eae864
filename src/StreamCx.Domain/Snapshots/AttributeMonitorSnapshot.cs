using StreamCx.Domain.Alerting;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Detection.Drift;
using StreamCx.Domain.Detection.Seasonality;
using StreamCx.Domain.Processing;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Snapshots;

/// <summary>
/// Everything an <see cref="AttributeMonitor"/> knows, as plain data: windows, seasonal profile (daily slots in
/// <see cref="Profile"/>, weekly in <see cref="WeeklyProfile"/>, both keyed by local hour), the offsets its events carried
/// (<see cref="LocalOffsets"/>, for a site without a time zone), the accumulated evidence of a drift, alert lifecycle, verbatims, totals. A snapshot without
/// <see cref="WeeklyProfile"/> was written before profiles were kept in local time: its daily slots are UTC hours and are
/// not reused. <see cref="RegionalWeekly"/> and <see cref="RegionalDaily"/> hold the region's weekly effects and daily shape
/// as the profile last read them (null in older snapshots: read again from the region).
/// </summary>
public sealed record AttributeMonitorSnapshot(
    IReadOnlyList<Bucket> Buckets,
    IReadOnlyList<SeasonalProfile.Slot> Profile,
    AlertState? Alert,
    IReadOnlyList<VerbatimBuffer.Entry> Verbatims,
    AttributeTotals Totals,
    PairSums NpsPairs,
    DateTimeOffset? NewestEventTime,
    long LearnedThroughHour,
    IReadOnlyList<SeasonalProfile.Slot>? WeeklyProfile = null,
    IReadOnlyList<SiteLocalTime.OffsetChange>? LocalOffsets = null,
    DriftState? Drift = null,
    IReadOnlyList<double>? RegionalWeekly = null,
    DriftState? SlowDrift = null,
    SlowFallState? SlowFall = null,
    IReadOnlyList<double?>? RegionalDaily = null);
