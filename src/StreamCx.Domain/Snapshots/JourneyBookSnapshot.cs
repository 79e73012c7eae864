using StreamCx.Domain.Journeys;

namespace StreamCx.Domain.Snapshots;

/// <summary>
/// Everything a <see cref="JourneyBook"/> holds, as plain data: every journey held (by journey id, in ordinal order), when
/// each next needs a look (in the order they come up), and how many journeys retention dropped.
/// </summary>
public sealed record JourneyBookSnapshot(IReadOnlyList<JourneyStateSnapshot> Journeys, IReadOnlyList<DueEntry> Due, long Dropped);

/// <summary>What a <see cref="JourneyBook"/> changed between two marks: the journeys changed (whole), those dropped, the drops counted.</summary>
public sealed record JourneyBookChange(IReadOnlyList<JourneyStateSnapshot> Changed, IReadOnlyList<string> Removed, long Dropped);
