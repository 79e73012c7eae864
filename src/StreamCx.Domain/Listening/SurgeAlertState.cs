namespace StreamCx.Domain.Listening;

/// <summary>
/// A surge alert (a complaint reason at a site, negative mentions of a site or the brand): its id, the last sequence emitted, when it opened, and the count it last reported
/// (an update goes out when the count grows by half); <see cref="Resolved"/> once it is over (a new surge opens a new one).
/// </summary>
public sealed class SurgeAlertState
{
    public required string AlertId { get; init; }

    public long OpenedTicks { get; init; }

    public int Sequence { get; set; }

    public int LastCount { get; set; }

    public bool Resolved { get; set; }

    public SurgeAlertState Copy() => (SurgeAlertState)MemberwiseClone();
}
