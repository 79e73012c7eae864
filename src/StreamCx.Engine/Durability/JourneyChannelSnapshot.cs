using StreamCx.Domain.Snapshots;

namespace StreamCx.Engine.Durability;

/// <summary>
/// The journeys of one region-topic partition (channel): the whole <see cref="JourneySnapshot"/> of its processor, the
/// highest offset it had taken per topic-partition when it was captured, and per source partition ("topic/partition")
/// the highest source offset taken through it.
/// </summary>
public sealed record JourneyChannelSnapshot(
    int Version, string Channel, JourneySnapshot State, IReadOnlyDictionary<string, long> AppliedOffsets, IReadOnlyDictionary<string, long> SourceOffsets)
{
    public const int CurrentVersion = 1;
}
