using StreamCx.Domain.Incidents;

namespace StreamCx.Domain.Snapshots;

/// <summary>Everything an <see cref="IncidentBook"/> holds, as plain data (the ids taken and the newest time are those of the incidents kept).</summary>
public sealed record IncidentBookSnapshot(IReadOnlyList<KeptIncident> Incidents);
