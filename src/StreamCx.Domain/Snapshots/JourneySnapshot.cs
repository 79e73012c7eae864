using StreamCx.Domain.Journeys;

namespace StreamCx.Domain.Snapshots;

/// <summary>
/// Everything a <see cref="JourneyProcessor"/> holds, as plain data (JSON as the engine writes it: a timeline mark without
/// a score has <c>NaN</c>): the journeys and the accounts with their deadlines, the counters, the event ids remembered for
/// duplicates (oldest first), the messages held for event time in the order they go (<see cref="Held"/>), the newest
/// event time taken and the event time reached (<see cref="Watermark"/>; each null before the first), and the arrivals numbered.
/// </summary>
public sealed record JourneySnapshot(
    int Version,
    JourneyBookSnapshot Journeys,
    AccountBookSnapshot Accounts,
    JourneyCountersSnapshot Counters,
    IReadOnlyList<RememberedEventId> Ids,
    IReadOnlyList<HeldJourneyMessage> Held,
    DateTimeOffset? Newest,
    DateTimeOffset? Watermark,
    long Arrivals)
{
    public const int CurrentVersion = 1;
}

/// <summary>
/// What a <see cref="JourneyProcessor"/> changed since its previous capture (<see cref="JourneyProcessor.CaptureChange"/>):
/// the journeys changed and dropped; the accounts, counters and held messages whole (few); of the remembered event ids,
/// how many of the oldest were forgotten and those added; the event times and the arrivals numbered.
/// </summary>
public sealed record JourneyChange(
    int Version,
    JourneyBookChange Journeys,
    AccountBookSnapshot Accounts,
    JourneyCountersSnapshot Counters,
    int IdsForgotten,
    IReadOnlyList<RememberedEventId> IdsAdded,
    IReadOnlyList<HeldJourneyMessage> Held,
    DateTimeOffset? Newest,
    DateTimeOffset? Watermark,
    long Arrivals);
