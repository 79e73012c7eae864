using StreamCx.Domain.Snapshots;

namespace StreamCx.Domain.Journeys.Passivation;

/// <summary>
/// Where a <see cref="JourneyBook"/> passivates its idle journeys (<see cref="JourneySettings.PassivateAfter"/>): out of
/// memory, each with the event time it next needs a look, until its next event, its next deadline, or a churn of its
/// customer or account brings it back. A spill of the book, not its durability: what it holds is in the book's captures
/// as if it were in memory, and a restored book fills a fresh shelf. The engine's is a local SQLite file per channel.
/// </summary>
public interface IJourneyShelf : IDisposable
{
    /// <summary>Journeys on the shelf.</summary>
    long Count { get; }

    /// <summary>The earliest next look of a journey on the shelf (null when empty); may be earlier than any, never later.</summary>
    long? EarliestDue { get; }

    /// <summary>Puts a journey that is not on the shelf there, with the event time it next needs a look.</summary>
    void Put(JourneyStateSnapshot journey, long due);

    /// <summary>Takes the journey off the shelf (null when it is not there).</summary>
    ShelvedJourney? Take(string journeyId);

    /// <summary>The journey on the shelf, left there (null when it is not there).</summary>
    ShelvedJourney? Find(string journeyId);

    /// <summary>Takes off every journey due at or before <paramref name="upTo"/>.</summary>
    IReadOnlyList<ShelvedJourney> TakeDue(long upTo);

    /// <summary>Takes off every journey of the customer or the account (either may be null).</summary>
    IReadOnlyList<ShelvedJourney> TakeOf(string? customerId, string? accountId);

    /// <summary>Every journey on the shelf whose last event is at or after <paramref name="activeSince"/>, left there, in no particular order.</summary>
    IEnumerable<ShelvedJourney> All(long activeSince = long.MinValue);
}

/// <summary>A journey on a shelf and when it next needs a look (event time, UTC ticks).</summary>
public sealed record ShelvedJourney(JourneyStateSnapshot Journey, long Due);
