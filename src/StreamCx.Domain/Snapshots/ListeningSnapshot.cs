using StreamCx.Domain.Listening;

namespace StreamCx.Domain.Snapshots;

/// <summary>
/// Everything a <see cref="ListeningProcessor"/> holds, as plain data (JSON as the engine writes it): complaints and negative
/// staff reports of every site, social mentions of every scope, incidents of every site, the service figures, the counters, the channels and touchpoints, and the messages held for the frontier of event time in the order
/// they go (<see cref="Held"/>) with the frontier (null before the first), the arrivals numbered and the late ones counted.
/// </summary>
public sealed record ListeningSnapshot(
    int Version,
    ComplaintProcessorSnapshot Complaints,
    ComplaintProcessorSnapshot Internal,
    SocialProcessorSnapshot Social,
    IncidentShelfSnapshot Incidents,
    ServiceKpisSnapshot Service,
    ListeningCountersSnapshot Counters,
    IReadOnlyList<HeldListeningMessage> Held,
    DateTimeOffset? Frontier,
    long Arrivals,
    long Late)
{
    public const int CurrentVersion = 1;

    /// <summary>Channels and touchpoints (null in a snapshot written before they were kept: they start empty).</summary>
    public ChannelProcessorSnapshot? Channels { get; init; }

    /// <summary>Incidents counted for surges (null in a snapshot written before they were: they start empty).</summary>
    public ComplaintProcessorSnapshot? IncidentSurges { get; init; }
}
