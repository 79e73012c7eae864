namespace StreamCx.Host.Replay;

/// <summary>
/// The wall clock of each step of a replay (they run one after the other), and what the runtime cost on the way: a
/// replay is short, so starting the process, compiling methods and collecting garbage are a visible part of it.
/// </summary>
public sealed class ReplayPhases
{
    /// <summary>From the start of the process to the start of the replay (runtime, command line, configuration).</summary>
    public TimeSpan Startup { get; set; }

    /// <summary>Time the JIT spent compiling, all threads, from the start of the process.</summary>
    public TimeSpan Jit { get; set; }

    /// <summary>Methods compiled by the JIT from the start of the process.</summary>
    public long JitMethods { get; set; }

    /// <summary>Time the program was paused by garbage collections during the replay.</summary>
    public TimeSpan GcPause { get; set; }

    /// <summary>Reading the file and parsing every line.</summary>
    public TimeSpan Read { get; set; }

    /// <summary>Putting the valid events in event-time order.</summary>
    public TimeSpan Order { get; set; }

    /// <summary>Running the events through the domain pipeline, regions in parallel.</summary>
    public TimeSpan Process { get; set; }

    /// <summary>Writing the alert emissions.</summary>
    public TimeSpan Write { get; set; }
}
