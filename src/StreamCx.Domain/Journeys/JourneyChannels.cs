using StreamCx.Domain.Processing;

namespace StreamCx.Domain.Journeys;

/// <summary>
/// The journeys of the channels one engine holds (pure): one <see cref="JourneyProcessor"/> per channel, the unit that is
/// saved, handed over in a rebalance and restored whole. Each channel takes the copies <see cref="JourneyRouting"/> places
/// on it, so a journey or an account is held by one channel, and the channels give together the alerts of one processor.
/// </summary>
public sealed class JourneyChannels(Func<JourneyProcessor> create) : ProcessorChannels<JourneyProcessor>(create)
{
    /// <summary>The journey, from the channel that holds it (null when none here does).</summary>
    public JourneyView? Journey(string journeyId) => Processors.Select(p => p.Journey(journeyId)).FirstOrDefault(j => j is not null);

    /// <summary>The account, from the channel that holds it (null when none here does).</summary>
    public AccountView? Account(string accountId) => Processors.Select(p => p.Account(accountId)).FirstOrDefault(a => a is not null);
}
