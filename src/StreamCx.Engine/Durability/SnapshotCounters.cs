namespace StreamCx.Engine.Durability;

/// <summary>Snapshot outcomes across all sites (read by status endpoints and metrics).</summary>
public sealed class SnapshotCounters
{
    private long _saved, _failed, _unreadable, _bytes;

    public long Saved => Interlocked.Read(ref _saved);
    public long Failed => Interlocked.Read(ref _failed);
    public long Unreadable => Interlocked.Read(ref _unreadable);
    public long BytesWritten => Interlocked.Read(ref _bytes);

    public void CountSaved(int bytes)
    {
        Interlocked.Increment(ref _saved);
        Interlocked.Add(ref _bytes, bytes);
    }

    public void CountFailed() => Interlocked.Increment(ref _failed);

    public void CountUnreadable() => Interlocked.Increment(ref _unreadable);
}
