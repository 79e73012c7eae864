using StreamCx.Domain.Listening;

namespace StreamCx.Domain.Snapshots;

/// <summary>Everything <see cref="ListeningCounters"/> hold: messages by type (<c>type</c> value), and uncatalogued values by catalog name.</summary>
public sealed record ListeningCountersSnapshot(IReadOnlyDictionary<string, long> ByType, IReadOnlyDictionary<string, long> Uncatalogued);
