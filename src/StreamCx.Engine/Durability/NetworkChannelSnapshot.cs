using StreamCx.Domain.Grouping;

namespace StreamCx.Engine.Durability;

/// <summary>
/// The network grouping (one partition of the network topic): the grouper's state, the region groups it holds (contract
/// JSON), each channel's time, the emissions taken (to know a copy), the channel count, the offsets it had taken, and
/// the journey indicators' watch (null before its first reading, and in snapshots taken before it existed).
/// </summary>
public sealed record NetworkChannelSnapshot(
    int Version, GroupingState Grouping, IReadOnlyList<string> Held, IReadOnlyDictionary<string, DateTimeOffset> Passed,
    IReadOnlyDictionary<string, DateTimeOffset> Taken, int Channels, IReadOnlyDictionary<string, long> AppliedOffsets,
    Domain.Journeys.Indicators.JourneyIndicatorWatchState? JourneyIndicators = null)
{
    public const int CurrentVersion = 1;
}
