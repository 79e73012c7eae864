namespace StreamCx.Domain.EventTime;

/// <summary>
/// How far in event time each channel (a region-topic partition) has passed, as told by whichever engine holds it: a
/// channel's time only moves forward (a next holder starts behind its last holder), and nothing is known to have passed
/// until every channel has told a time (<see cref="Through"/>). Pure.
/// </summary>
public sealed class ChannelTimes
{
    private readonly Dictionary<string, DateTimeOffset> _passed = new(StringComparer.Ordinal);

    /// <summary>How many channels there are (the most any report said).</summary>
    public int Channels { get; private set; }

    /// <summary>The slowest channel's time, once every channel has told one.</summary>
    public DateTimeOffset? Through => Channels > 0 && _passed.Count >= Channels ? _passed.Values.Min() : null;

    /// <summary>A channel (one of <paramref name="channels"/>) has passed <paramref name="through"/>.</summary>
    public void Pass(string channel, DateTimeOffset through, int channels)
    {
        Channels = Math.Max(Channels, channels);
        if (!_passed.TryGetValue(channel, out var before) || through > before) _passed[channel] = through;
    }

    /// <summary>Each channel's time, as plain data.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> State => new Dictionary<string, DateTimeOffset>(_passed, StringComparer.Ordinal);

    public void Restore(IReadOnlyDictionary<string, DateTimeOffset> passed, int channels)
    {
        _passed.Clear();
        foreach (var (k, v) in passed) _passed[k] = v;
        Channels = channels;
    }
}
