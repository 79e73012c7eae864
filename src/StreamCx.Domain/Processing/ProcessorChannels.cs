namespace StreamCx.Domain.Processing;

/// <summary>
/// One processor per channel (a region-topic partition) that an engine holds, in channel order: the unit that is saved,
/// handed over in a rebalance and restored whole. The listening sources and the journeys each keep theirs this way.
/// </summary>
public class ProcessorChannels<TProcessor>(Func<TProcessor> create)
    where TProcessor : class
{
    private readonly SortedDictionary<string, TProcessor> _channels = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Held => _channels.Keys;

    /// <summary>The processors held, in channel order.</summary>
    protected IEnumerable<TProcessor> Processors => _channels.Values;

    /// <summary>The channel's processor, a new one when the channel is not held yet.</summary>
    public TProcessor Of(string channel)
    {
        if (!_channels.TryGetValue(channel, out var processor)) _channels[channel] = processor = create();
        return processor;
    }

    /// <summary>Holds the channel with this processor (restored from a snapshot), in place of what was held (disposed if disposable).</summary>
    public void Put(string channel, TProcessor processor)
    {
        if (_channels.TryGetValue(channel, out var before) && !ReferenceEquals(before, processor)) (before as IDisposable)?.Dispose();
        _channels[channel] = processor;
    }

    /// <summary>A fresh processor, to restore a snapshot into.</summary>
    public TProcessor Create() => create();

    /// <summary>Forgets a channel (it moved to another engine, or is read again from its snapshot); its processor is disposed if disposable.</summary>
    public bool Drop(string channel)
    {
        if (!_channels.Remove(channel, out var gone)) return false;
        (gone as IDisposable)?.Dispose();
        return true;
    }

    /// <summary>Forgets every channel (the engine stops), disposing the disposable processors.</summary>
    public void DropAll()
    {
        foreach (var channel in _channels.Keys.ToList()) Drop(channel);
    }

    public long Sum(Func<TProcessor, long> counter) => _channels.Values.Sum(counter);
}
