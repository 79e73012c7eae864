using StreamCx.Domain.Incidents;

namespace StreamCx.Domain.Snapshots;

/// <summary>Everything an <see cref="IncidentBook"/> holds, as plain data.</summary>
public sealed record IncidentBookSnapshot(IReadOnlyList<KeptIncident> Incidents, IReadOnlyList<RememberedEventId> Ids, DateTimeOffset Newest);
