using StreamCx.Domain.Snapshots;

namespace StreamCx.Engine.Durability;

/// <summary>
/// The journeys of one region-topic partition (channel), saved as a changelog: either the whole <see cref="JourneySnapshot"/>
/// of its processor (<see cref="State"/>), or what changed since the snapshot of sequence number <see cref="Previous"/>
/// (<see cref="Change"/>, the <see cref="Chain"/>-th change since a whole one); with the highest offset it had taken per
/// topic-partition when it was captured, and per source partition ("topic/partition") the highest source offset taken through it.
/// </summary>
public sealed record JourneyChannelSnapshot(
    int Version, string Channel, JourneySnapshot? State, IReadOnlyDictionary<string, long> AppliedOffsets, IReadOnlyDictionary<string, long> SourceOffsets)
{
    public const int CurrentVersion = 1;

    public JourneyChange? Change { get; init; }

    public long Previous { get; init; }

    public int Chain { get; init; }
}
