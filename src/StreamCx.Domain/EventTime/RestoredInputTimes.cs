namespace StreamCx.Domain.EventTime;

/// <summary>
/// The router's memory of how far inputs had come where regions were saved (<see cref="SavedInputTime"/>), and of how far
/// it has read each channel since it was assigned here: a saved time is handed to the frontier once its channel is read up
/// to where the time was learnt (or to its end).
/// </summary>
public sealed class RestoredInputTimes
{
    private readonly Dictionary<(string Input, string Channel), SavedInputTime> _pending = [];
    private readonly Dictionary<string, long> _readTo = new(StringComparer.Ordinal);
    private readonly HashSet<string> _readToEnd = new(StringComparer.Ordinal);

    /// <summary>A record of <paramref name="channel"/> at <paramref name="offset"/> was read.</summary>
    public void Read(string channel, long offset)
    {
        if (!_readTo.TryGetValue(channel, out var o) || offset > o) _readTo[channel] = offset;
    }

    /// <summary>The channel (an input read directly) was read to its end: every saved position in it is passed.</summary>
    public void ReadToEnd(string channel) => _readToEnd.Add(channel);

    /// <summary>The channel was assigned anew: what was read of it before no longer counts.</summary>
    public void Unread(string channel)
    {
        _readTo.Remove(channel);
        _readToEnd.Remove(channel);
    }

    /// <summary>The channel was revoked: what was read of it, and the saved times waiting on it, no longer count.</summary>
    public void Forget(string channel)
    {
        Unread(channel);
        foreach (var key in _pending.Keys.Where(k => k.Channel == channel).ToList()) _pending.Remove(key);
    }

    /// <summary>Times restored from a region's snapshots: each waits until its channel is read far enough (the latest per input and channel).</summary>
    public void Restore(IEnumerable<SavedInputTime> saved)
    {
        foreach (var t in saved)
        {
            if (!_pending.TryGetValue((t.Input, t.Channel), out var known) || t.Time > known.Time) _pending[(t.Input, t.Channel)] = t;
        }
    }

    /// <summary>The saved times whose channel is now read far enough, taken out.</summary>
    public IReadOnlyList<SavedInputTime> TakeReady()
    {
        if (_pending.Count == 0) return [];
        var ready = _pending.Values.Where(t => ReadPast(t.Channel, t.Position)).ToList();
        foreach (var t in ready) _pending.Remove((t.Input, t.Channel));
        return ready;
    }

    /// <summary>
    /// A frontier's known inputs as a region saves them: each with the channel it was learnt from (<paramref name="channel"/>,
    /// or the input itself when inputs are read directly) and how far that channel was read.
    /// </summary>
    public List<SavedInputTime> ToSave(string? channel, IReadOnlyList<InputReport> known) =>
        [.. known.Where(r => r.Time is not null).Select(r => new SavedInputTime(r.Input, r.Time!.Value, r.CaughtUp, channel ?? r.Input, _readTo.GetValueOrDefault(channel ?? r.Input, -1)))];

    private bool ReadPast(string channel, long position) =>
        _readToEnd.Contains(channel) || (_readTo.TryGetValue(channel, out var o) && o >= position);
}
