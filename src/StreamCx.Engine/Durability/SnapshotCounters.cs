namespace StreamCx.Engine.Durability;

/// <summary>Snapshot outcomes across all sites (read by status endpoints and metrics).</summary>
public sealed class SnapshotCounters
{
    private long _saved, _failed, _unreadable, _bytes;
    private int _lastFailed;

    public long Saved => Interlocked.Read(ref _saved);
    public long Failed => Interlocked.Read(ref _failed);
    public long Unreadable => Interlocked.Read(ref _unreadable);
    public long BytesWritten => Interlocked.Read(ref _bytes);

    /// <summary>True while the latest snapshot attempt of any site failed: the store is likely unreachable.</summary>
    public bool LastAttemptFailed => Volatile.Read(ref _lastFailed) == 1;

    public void CountSaved(int bytes)
    {
        Interlocked.Increment(ref _saved);
        Interlocked.Add(ref _bytes, bytes);
        Volatile.Write(ref _lastFailed, 0);
    }

    public void CountFailed()
    {
        Interlocked.Increment(ref _failed);
        Volatile.Write(ref _lastFailed, 1);
    }

    public void CountUnreadable() => Interlocked.Increment(ref _unreadable);
}
