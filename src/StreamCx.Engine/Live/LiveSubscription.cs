using System.Threading.Channels;
using StreamCx.Domain.Live;

namespace StreamCx.Engine.Live;

/// <summary>
/// One subscriber's bounded view of the live feed: what it missed (the replay), then the live events its filter
/// selects, queued in a bounded buffer. When the subscriber does not keep up, the oldest queued events are dropped
/// and counted (<see cref="TakeDropped"/>): the publisher never waits for a subscriber.
/// </summary>
public sealed class LiveSubscription : IDisposable
{
    private readonly Channel<LiveEvent> _buffer;
    private readonly Action<LiveSubscription> _onDispose;
    private long _dropped;
    private long _droppedNotTaken;
    private IDisposable? _source;
    private int _disposed;

    internal LiveSubscription(AlertFilter filter, int bufferSize, ReplayResult replay, long startPosition, Action<LiveSubscription> onDispose, Action onDrop)
    {
        Filter = filter;
        Replay = replay;
        StartPosition = startPosition;
        _onDispose = onDispose;
        _buffer = Channel.CreateBounded<LiveEvent>(
            new BoundedChannelOptions(bufferSize) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ =>
            {
                Interlocked.Increment(ref _dropped);
                Interlocked.Increment(ref _droppedNotTaken);
                onDrop();
            });
    }

    public AlertFilter Filter { get; }

    /// <summary>What the subscriber missed since its Last-Event-ID (empty without one).</summary>
    public ReplayResult Replay { get; }

    /// <summary>The feed's position when the subscription started: the replay covers up to it, the buffer follows it.</summary>
    public long StartPosition { get; }

    /// <summary>Events dropped from this subscriber's buffer since it started.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Events queued and not read yet.</summary>
    public int Pending => _buffer.Reader.Count;

    /// <summary>Waits for an event; false once the feed has ended.</summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken) => _buffer.Reader.WaitToReadAsync(cancellationToken);

    public bool TryRead(out LiveEvent item) => _buffer.Reader.TryRead(out item!);

    /// <summary>Events dropped since the last call: what to tell the client before its next event.</summary>
    public long TakeDropped() => Interlocked.Exchange(ref _droppedNotTaken, 0);

    internal void Attach(IDisposable source) => _source = source;

    internal void Offer(LiveEvent e) => _buffer.Writer.TryWrite(e);

    internal void Complete() => _buffer.Writer.TryComplete();

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _source?.Dispose();
        _buffer.Writer.TryComplete();
        _onDispose(this);
    }
}
