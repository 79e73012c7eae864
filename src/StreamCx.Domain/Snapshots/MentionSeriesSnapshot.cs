using StreamCx.Domain.Listening;
using StreamCx.Domain.Social;

namespace StreamCx.Domain.Snapshots;

/// <summary>Everything a <see cref="MentionSeries"/> holds, as plain data.</summary>
public sealed record MentionSeriesSnapshot(
    long? FirstBucket, long NewestBucket, long Mentions, long Negative,
    long[] NegativeBuckets, long[] NegativeCounts, long[] ReachBuckets, long[] ReachSums,
    SurgeAlertState? Alert, IReadOnlyList<RememberedEventId> Ids);
