namespace StreamCx.Domain.Journeys;

/// <summary>
/// The journeys of the channels one engine holds (pure): one <see cref="JourneyProcessor"/> per channel, the unit that is
/// saved, handed over in a rebalance and restored whole. Each channel takes the copies <see cref="JourneyRouting"/> places
/// on it, so a journey or an account is held by one channel, and the channels give together the alerts of one processor.
/// </summary>
public sealed class JourneyChannels(Func<JourneyProcessor> create)
{
    private readonly SortedDictionary<string, JourneyProcessor> _channels = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Held => _channels.Keys;

    /// <summary>The channel's processor, a new one when the channel is not held yet.</summary>
    public JourneyProcessor Of(string channel)
    {
        if (!_channels.TryGetValue(channel, out var processor)) _channels[channel] = processor = create();
        return processor;
    }

    /// <summary>Holds the channel with this processor (restored from a snapshot), in place of what was held.</summary>
    public void Put(string channel, JourneyProcessor processor) => _channels[channel] = processor;

    /// <summary>A fresh processor, to restore a snapshot into.</summary>
    public JourneyProcessor Create() => create();

    /// <summary>Forgets a channel (it moved to another engine, or is read again from its snapshot).</summary>
    public bool Drop(string channel) => _channels.Remove(channel);

    /// <summary>The journey, from the channel that holds it (null when none here does).</summary>
    public JourneyView? Journey(string journeyId) => _channels.Values.Select(p => p.Journey(journeyId)).FirstOrDefault(j => j is not null);

    /// <summary>The account, from the channel that holds it (null when none here does).</summary>
    public AccountView? Account(string accountId) => _channels.Values.Select(p => p.Account(accountId)).FirstOrDefault(a => a is not null);

    public long Sum(Func<JourneyProcessor, long> counter) => _channels.Values.Sum(counter);
}
