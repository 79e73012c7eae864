using StreamCx.Domain.Alerting;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Processing;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Snapshots;

/// <summary>Everything an <see cref="AttributeMonitor"/> knows, as plain data: windows, profile, alert lifecycle, verbatims, totals.</summary>
public sealed record AttributeMonitorSnapshot(
    IReadOnlyList<Bucket> Buckets,
    IReadOnlyList<DailyProfile.Slot> Profile,
    AlertState? Alert,
    IReadOnlyList<VerbatimBuffer.Entry> Verbatims,
    AttributeTotals Totals,
    PairSums NpsPairs,
    DateTimeOffset? NewestEventTime,
    long LearnedThroughHour);
