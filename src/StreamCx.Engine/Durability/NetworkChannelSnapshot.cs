using StreamCx.Domain.Grouping;

namespace StreamCx.Engine.Durability;

/// <summary>
/// The network grouping (one partition of the network topic): the grouper's state, the region groups it holds (contract
/// JSON), each channel's time, the emissions taken (to know a copy), the channel count, and the offsets it had taken.
/// </summary>
public sealed record NetworkChannelSnapshot(
    int Version, GroupingState Grouping, IReadOnlyList<string> Held, IReadOnlyDictionary<string, DateTimeOffset> Passed,
    IReadOnlyDictionary<string, DateTimeOffset> Taken, int Channels, IReadOnlyDictionary<string, long> AppliedOffsets)
{
    public const int CurrentVersion = 1;
}
