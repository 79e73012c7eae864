namespace StreamCx.Domain.EventTime;

/// <summary>How an event arrived against the frontier of event time.</summary>
public enum Arrival
{
    /// <summary>Ahead of the frontier: held and applied in <see cref="EventOrder"/> once the frontier passes it.</summary>
    InOrder,

    /// <summary>Far ahead of its own input (an outlier): held like the others; it does not move its input's time.</summary>
    Early,

    /// <summary>
    /// At or behind the frontier (events after it in <see cref="EventOrder"/> were already applied), or from no input at
    /// all: applied at once.
    /// </summary>
    Late,
}
