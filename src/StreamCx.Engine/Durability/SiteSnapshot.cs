using StreamCx.Domain.Contracts;
using StreamCx.Domain.EventTime;
using StreamCx.Domain.Grouping;
using StreamCx.Domain.Snapshots;

namespace StreamCx.Engine.Durability;

/// <summary>
/// One site's durable state: its intake, each attribute monitor, the events it took in but has not applied yet
/// (held until the frontier of event time passes them), and the highest source offset it had taken per
/// topic-partition ("topic/partition" → offset) when the state was captured: applied or held, each is in the snapshot.
/// </summary>
public sealed record SiteSnapshot(
    int Version,
    string SiteId,
    SiteIntakeSnapshot Intake,
    IReadOnlyDictionary<string, AttributeMonitorSnapshot> Attributes,
    IReadOnlyDictionary<string, long> AppliedOffsets)
{
    public const int CurrentVersion = 1;

    /// <summary>Events taken in, not applied yet, in arrival order (absent in snapshots of engines that held none).</summary>
    public IReadOnlyList<FeedbackEvent>? Held { get; init; }

    /// <summary>What the site put into its region's current view (absent in older snapshots).</summary>
    public ViewShare? View { get; init; }

    /// <summary>
    /// How far each input (source partition) was known to have come when the site was saved (absent in older snapshots):
    /// the region's held events are released against it once restored and read up to where it was learnt.
    /// </summary>
    public IReadOnlyList<SavedInputTime>? InputTimes { get; init; }

    /// <summary>The region's grouping state when the site was saved (absent in older snapshots); the region keeps the newest copy.</summary>
    public GroupingState? Grouping { get; init; }

    /// <summary>
    /// Per source partition ("topic/partition"), the highest source offset of an event the site took (absent in older
    /// snapshots): a copy its intake forwards again after a restart is known by it, however old (<see cref="SourceOffsets"/>).
    /// </summary>
    public IReadOnlyDictionary<string, long>? SourceOffsets { get; init; }
}
