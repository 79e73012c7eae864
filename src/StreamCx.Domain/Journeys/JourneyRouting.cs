using StreamCx.Domain.Contracts;

namespace StreamCx.Domain.Journeys;

/// <summary>
/// Where the journeys' copies of a message go when the journeys are split over channels (the engine's region-topic
/// partitions), the way Kafka Streams repartitions by key: a journey is kept by the channel of its journey id, an account
/// by the channel of its account id, wherever the site of each message is. A journey's feedback, steps and closing go to
/// its journey's channel, an account's feedback and churn to its account's; a churn also goes to every channel
/// (<see cref="Everywhere"/>), since its customer's journeys may be held by any. The copies a channel gets are merged
/// into one with their parts together, and one copy of each message is <see cref="JourneyParts.Counted"/>. So the
/// channels give, together, the alerts one processor gives.
/// </summary>
public static class JourneyRouting
{
    /// <summary>The key that stands for every channel.</summary>
    public const string Everywhere = "*";

    /// <summary>The channel key of a journey (a key names its kind, so a journey and an account of one id are apart).</summary>
    public static string JourneyKey(string journeyId) => "journey:" + journeyId;

    public static string AccountKey(string accountId) => "account:" + accountId;

    /// <summary>The key of a message that only counts somewhere (uncatalogued values of feedback without journey or account, a churn of no account).</summary>
    private static string CountKey(string eventId) => "event:" + eventId;

    /// <summary>The copies of feedback the journeys take (none for feedback without a journey, an account or a flagged value).</summary>
    public static IReadOnlyList<(string Key, JourneyParts Parts)> Copies(FeedbackEvent e) => (e.JourneyId, e.AccountId) switch
    {
        ({ } journey, { } account) => [(JourneyKey(journey), JourneyParts.Journeys | JourneyParts.Counted), (AccountKey(account), JourneyParts.Accounts)],
        ({ } journey, null) => [(JourneyKey(journey), JourneyParts.Journeys | JourneyParts.Counted)],
        (null, { } account) => [(AccountKey(account), JourneyParts.Accounts | JourneyParts.Counted)],
        _ when e.Flags != CatalogFlags.None => [(CountKey(e.EventId), JourneyParts.Counted)],
        _ => [],
    };

    public static IReadOnlyList<(string Key, JourneyParts Parts)> Copies(JourneySignal s) => s switch
    {
        JourneyStep step => [(JourneyKey(step.JourneyId), JourneyParts.Journeys | JourneyParts.Counted)],
        JourneyClosed closed => [(JourneyKey(closed.JourneyId), JourneyParts.Journeys | JourneyParts.Counted)],
        _ => [(Everywhere, JourneyParts.Journeys), s.AccountId is { } account ? (AccountKey(account), JourneyParts.Accounts | JourneyParts.Counted) : (CountKey(s.EventId), JourneyParts.Counted)],
    };

    /// <summary>
    /// The copies placed on <paramref name="channels"/> channels by <paramref name="channelOf"/>, merged: per channel, in
    /// channel order, the parts of every copy it gets.
    /// </summary>
    public static IReadOnlyList<(int Channel, JourneyParts Parts)> Place(IReadOnlyList<(string Key, JourneyParts Parts)> copies, int channels, Func<string, int> channelOf)
    {
        if (copies.Count == 0) return []; // most feedback: nothing to place, nothing allocated
        var parts = new JourneyParts[channels];
        foreach (var (key, part) in copies)
        {
            if (key == Everywhere)
                for (var c = 0; c < channels; c++) parts[c] |= part;
            else parts[channelOf(key)] |= part;
        }
        var placed = new List<(int, JourneyParts)>(copies.Count);
        for (var c = 0; c < channels; c++)
            if (parts[c] != JourneyParts.None) placed.Add((c, parts[c]));
        return placed;
    }
}
