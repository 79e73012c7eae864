using StreamCx.Domain.Journeys;

namespace StreamCx.Domain.Snapshots;

/// <summary>Everything <see cref="JourneyCounters"/> hold.</summary>
public sealed record JourneyCountersSnapshot(long Applied, long Late, long Duplicates, long UnknownDepartments, long UnknownRoles);
