namespace StreamCx.Domain.Journeys;

/// <summary>
/// What one copy of a message does in the <see cref="JourneyProcessor"/> that takes it, when the journeys are split over
/// channels by key (<see cref="JourneyRouting"/>): a processor applies only the parts it is given. Replay, with one
/// processor, gives every message <see cref="All"/>.
/// </summary>
[Flags]
public enum JourneyParts : byte
{
    None = 0,

    /// <summary>The journey book: the message's journey or, for a churn, the journeys of its customer and account held here.</summary>
    Journeys = 1,

    /// <summary>The account book: the message's B2B account.</summary>
    Accounts = 2,

    /// <summary>This copy counts the message (applied, late, duplicate, uncatalogued values): exactly one copy of each does.</summary>
    Counted = 4,

    All = Journeys | Accounts | Counted,
}
