using StreamCx.Domain.Social;

namespace StreamCx.Domain.Snapshots;

/// <summary>Everything a <see cref="SiteMentions"/> holds, as plain data.</summary>
public sealed record SiteMentionsSnapshot(long? FirstBucket, IReadOnlyList<KeptMention> Kept);
