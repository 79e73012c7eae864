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
    private long _behind;
    private IReadOnlyList<ChannelProgress> _channels = [];

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

    /// <summary>
    /// Events that came behind the frontier of their channel (events after them were already applied) and were applied
    /// at once, against what their region knew then: where live processing can differ from replay.
    /// </summary>
    public long BehindFrontier => Interlocked.Read(ref _behind);

    public void CameBehindFrontier() => Interlocked.Increment(ref _behind);

    public void FrontierMoved(DateTimeOffset frontier) => Interlocked.Exchange(ref _frontierTicks, frontier.UtcTicks);

    public void HeldChanged(long delta) => Interlocked.Add(ref _held, delta);

    public void HeldEarly() => Interlocked.Increment(ref _early);

    /// <summary>Each channel's frontier and its inputs, as the router last saw them (for the status page).</summary>
    public IReadOnlyList<ChannelProgress> Channels => Volatile.Read(ref _channels);

    public void ChannelsSeen(IReadOnlyList<ChannelProgress> channels) => Volatile.Write(ref _channels, channels);
}

/// <summary>One channel of event time (a region-topic partition, or "" for the feedback topics read directly).</summary>
public sealed record ChannelProgress(string Channel, DateTimeOffset? Released, IReadOnlyList<InputProgress> Inputs);

/// <summary>One input of a channel: its corroborated time, whether it is caught up, and when it was last heard of.</summary>
public sealed record InputProgress(string Input, DateTimeOffset? Time, bool CaughtUp, DateTimeOffset LastSeen);
