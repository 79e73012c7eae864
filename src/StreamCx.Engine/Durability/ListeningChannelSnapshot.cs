using StreamCx.Domain.Snapshots;

namespace StreamCx.Engine.Durability;

/// <summary>
/// The listening sources of one region-topic partition (channel): the whole <see cref="ListeningSnapshot"/> of its
/// processor, and the highest offset it had taken per topic-partition when it was captured.
/// </summary>
public sealed record ListeningChannelSnapshot(int Version, string Channel, ListeningSnapshot State, IReadOnlyDictionary<string, long> AppliedOffsets)
{
    public const int CurrentVersion = 1;

    /// <summary>Per source partition ("topic/partition"), the highest source offset taken through this channel.</summary>
    public IReadOnlyDictionary<string, long>? SourceOffsets { get; init; }
}
