using StreamCx.Domain.Channels;
using StreamCx.Domain.Contracts;

namespace StreamCx.Domain.Snapshots;

/// <summary>
/// Everything a <see cref="ChannelProcessor"/> holds, as plain data: every site's sums per indicator, channel × touchpoint and
/// hour, and its channel alerts; the feedback held for the frontier in the order it goes, the frontier (null before the
/// first), the arrivals numbered; the last hour tested and the newest hour applied (null: none yet); the counts.
/// Indicators are named by id, so a catalog that gained or lost an attribute reads it back (a lost one's sums are dropped).
/// </summary>
public sealed record ChannelProcessorSnapshot(
    IReadOnlyList<SiteChannelsSnapshot> Sites,
    IReadOnlyList<HeldFeedback> Held,
    DateTimeOffset? Frontier,
    long Arrivals,
    long? ClosedThroughHour,
    long? NewestHour,
    long Applied,
    long Late);

/// <summary>A feedback event held for the frontier, with its arrival number.</summary>
public sealed record HeldFeedback(long Arrival, FeedbackEvent Event);

/// <summary>One site's channel and touchpoint names (by index), its cells' hourly sums, its channel alerts.</summary>
public sealed record SiteChannelsSnapshot(
    string SiteId, IReadOnlyList<string> Channels, IReadOnlyList<string> Touchpoints, IReadOnlyList<ChannelCellSnapshot> Cells,
    IReadOnlyList<ChannelAlertSnapshot> Alerts);

/// <summary>One indicator's sums for one channel × touchpoint (touchpoint −1: none named), hour by hour.</summary>
public sealed record ChannelCellSnapshot(string IndicatorId, int Channel, int Touchpoint, IReadOnlyList<HourSums> Hours);

/// <summary>Responses, sum and sum of squares of one hour (hours since 0001-01-01 UTC).</summary>
public sealed record HourSums(long Hour, int N, double Sum, double SumSquares);

/// <summary>A channel alert's key (dimension, value index, indicator id) and state.</summary>
public sealed record ChannelAlertSnapshot(
    ChannelDimension Dimension, int Value, string IndicatorId, string AlertId, int Sequence, double LastGap, bool Resolved);
