using StreamCx.Domain.EventTime;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Sites;

namespace StreamCx.Engine.Regions;

/// <summary>One event for a region, with its index in the batch's receipt and how it stood against the frontier when it came.</summary>
public readonly record struct RegionItem(int Index, ApplyFeedback Feedback, Arrival Arrival);

/// <summary>
/// The events of a batch that belong to one region, in consumption order, and the frontier of event time once the
/// router took the whole batch in: the region holds what is ahead of it and applies, in event order, what it passed.
/// </summary>
public sealed record ApplyRegionFeedback(List<RegionItem> Items, FeedbackReceipt Receipt, DateTimeOffset? Frontier)
{
    /// <summary>The region's incidents and social mentions of the batch, taken at once (their sites read them by event time).</summary>
    public IReadOnlyList<ApplySiteListening> SiteListening { get; init; } = [];
}

/// <summary>
/// The frontier of event time moved (another region's events, an input caught up or went idle). To the journeys and the
/// listening sources, <see cref="Frontier"/> is the slowest of the channels held here, and through the region topic
/// <see cref="ByChannel"/> gives each region-topic partition's own (those known): a partition just assigned here is read
/// again from its committed offset, behind the others, and its state must wait for its own frontier, not the others'.
/// </summary>
public sealed record FrontierAdvanced(DateTimeOffset Frontier)
{
    public IReadOnlyDictionary<string, DateTimeOffset>? ByChannel { get; init; }
}

/// <summary>
/// These sites moved to another owner (their partitions were revoked or assigned again): the region drops them and
/// their held events; their next events restore them from their snapshots. Sites only read by queries are dropped too.
/// With <paramref name="RestoreAll"/> (the region's partition was just assigned here), every site of the region is
/// restored at once, held events included: a site whose snapshot holds events waiting for the frontier gets them
/// applied even if nothing more comes for it.
/// </summary>
public sealed record ReleaseSites(IReadOnlyCollection<string> SiteIds, bool RestoreAll = false);

/// <summary>A restored site's snapshot names the region-topic partition its events came from: the region's channel.</summary>
public sealed record RegionChannelSeen(string RegionId, string Channel);

/// <summary>
/// How far each input of the region's channel has come (<see cref="StreamCx.Domain.EventTime.EventTimeFrontier.Known"/>,
/// with where in the channel it was learnt), told after the events it covers: saved with the region's sites.
/// </summary>
public sealed record InputTimesAdvanced(IReadOnlyList<SavedInputTime> Times);

/// <summary>
/// A restored site's snapshot says how far the inputs had come when it was saved: once the channel is read up to where
/// each time was learnt, the router hands it to the channel's frontier (<see cref="StreamCx.Domain.EventTime.EventTimeFrontier.Seed"/>),
/// so held events restored with it are released as where they were saved, even when every input is now read to its end
/// and no report brings a time (a rebalance assigns the source partitions at their ends).
/// </summary>
public sealed record RegionTimesRestored(string RegionId, IReadOnlyList<SavedInputTime> Times);
