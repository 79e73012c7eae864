using StreamCx.Domain.Incidents;

namespace StreamCx.Domain.Snapshots;

/// <summary>Everything an <see cref="IncidentShelf"/> holds, as plain data: every site's book (by site id, in ordinal order) and its counters.</summary>
public sealed record IncidentShelfSnapshot(IReadOnlyDictionary<string, IncidentBookSnapshot> Sites, long Applied, long Duplicates);
