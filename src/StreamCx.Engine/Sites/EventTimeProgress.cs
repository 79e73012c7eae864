namespace StreamCx.Engine.Sites;

/// <summary>
/// Where event time stands in this engine, for status and metrics: the frontier (every event at or before it has been
/// applied), the events held until the frontier passes them, and the events held as outliers so far. Thread-safe.
/// </summary>
public sealed class EventTimeProgress
{
    private long _frontierTicks = long.MinValue;
    private long _held;
    private long _early;

    public DateTimeOffset? Frontier
    {
        get
        {
            var ticks = Interlocked.Read(ref _frontierTicks);
            return ticks == long.MinValue ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    public long Held => Interlocked.Read(ref _held);

    public long Early => Interlocked.Read(ref _early);

    public void FrontierMoved(DateTimeOffset frontier) => Interlocked.Exchange(ref _frontierTicks, frontier.UtcTicks);

    public void HeldChanged(long delta) => Interlocked.Add(ref _held, delta);

    public void HeldEarly() => Interlocked.Increment(ref _early);
}
