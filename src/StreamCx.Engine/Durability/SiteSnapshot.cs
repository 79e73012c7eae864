using StreamCx.Domain.Snapshots;

namespace StreamCx.Engine.Durability;

/// <summary>
/// One site's durable state: its intake, each attribute monitor, and the highest source offset it had applied per
/// topic-partition ("topic/partition" → offset) when the state was captured.
/// </summary>
public sealed record SiteSnapshot(
    int Version,
    string SiteId,
    SiteIntakeSnapshot Intake,
    IReadOnlyDictionary<string, AttributeMonitorSnapshot> Attributes,
    IReadOnlyDictionary<string, long> AppliedOffsets)
{
    public const int CurrentVersion = 1;
}
