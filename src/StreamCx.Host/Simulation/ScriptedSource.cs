namespace StreamCx.Host.Simulation;

/// <summary>
/// A simulated system whose stories start at random times, <c>perHour</c> an hour on average from <c>from</c> on; each
/// story is scripted whole when it starts (its later messages wait in <see cref="JourneySimulator"/> until their time).
/// Its own seeded <see cref="Random"/>: what it scripts depends on the seed only, not on when it is asked.
/// </summary>
public abstract class ScriptedSource
{
    private readonly double _perHour;
    private long _started;
    private DateTimeOffset _next;

    protected ScriptedSource(int seed, double perHour, DateTimeOffset from)
    {
        Rnd = new Random(seed);
        _perHour = perHour;
        _next = perHour > 0 ? from + Rnd.NextArrival(perHour) : DateTimeOffset.MaxValue;
    }

    /// <summary>When the next story starts, to the second (the end of time when <c>perHour</c> is 0); its messages are at or after it.</summary>
    public DateTimeOffset NextStart => SimulatedJson.ToSecond(_next);

    protected Random Rnd { get; }

    /// <summary>Scripts the story starting at <see cref="NextStart"/>: its messages, at or after that time.</summary>
    public IReadOnlyList<SimulatedMessage> StartNext()
    {
        var messages = Script(_started++, NextStart);
        _next += Rnd.NextArrival(_perHour);
        return messages;
    }

    protected abstract IReadOnlyList<SimulatedMessage> Script(long index, DateTimeOffset start);
}
