using StreamCx.Domain.Social;

namespace StreamCx.Domain.Snapshots;

/// <summary>Everything a <see cref="SocialProcessor"/> holds, as plain data: every scope's series (site ids and the brand, in ordinal order) and its counters.</summary>
public sealed record SocialProcessorSnapshot(IReadOnlyDictionary<string, MentionSeriesSnapshot> Scopes, long Applied, long Duplicates);
