namespace StreamCx.Host.Replay;

/// <summary>The wall clock of each step of a replay (they run one after the other).</summary>
public sealed class ReplayPhases
{
    /// <summary>Reading the file and parsing every line.</summary>
    public TimeSpan Read { get; set; }

    /// <summary>Putting the valid events in event-time order.</summary>
    public TimeSpan Order { get; set; }

    /// <summary>Running the events through the domain pipeline, regions in parallel.</summary>
    public TimeSpan Process { get; set; }

    /// <summary>Writing the alert emissions.</summary>
    public TimeSpan Write { get; set; }
}
