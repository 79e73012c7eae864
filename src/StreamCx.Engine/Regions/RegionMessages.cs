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
public sealed record ApplyRegionFeedback(List<RegionItem> Items, FeedbackReceipt Receipt, DateTimeOffset? Frontier);

/// <summary>The frontier of event time moved (another region's events, an input caught up or went idle).</summary>
public sealed record FrontierAdvanced(DateTimeOffset Frontier);

/// <summary>
/// These sites moved to another owner (their partitions were revoked or assigned again): the region drops them and
/// their held events; their next events restore them from their snapshots. Sites only read by queries are dropped too.
/// </summary>
public sealed record ReleaseSites(IReadOnlyCollection<string> SiteIds);
