using StreamCx.Domain.Journeys;
using StreamCx.Engine.Pipeline;

namespace StreamCx.Engine.Journeys;

/// <summary>Journey messages and feedback of a journey or an account, in consumption order (no reply).</summary>
public sealed record ApplyJourneyInputs(IReadOnlyList<JourneyItem> Items);

/// <summary>
/// One copy of a message for the journeys and where it was read (null when not read from Kafka); through the region
/// topic, <paramref name="Source"/> is where it was first read (the same for a copy its intake forwarded again).
/// </summary>
public readonly record struct JourneyItem(JourneyInput Input, SourcePosition? Position, SourcePosition? Source = null);

/// <summary>Ask for the journey indicators by site, region or department over the last <paramref name="Days"/> of event time; answered with <see cref="JourneyIndicatorsFound"/>.</summary>
public sealed record GetJourneyIndicators(JourneyIndicatorScope By, int Days);

/// <summary>The indicators, and the event time the period ends at (the latest any journeys' partition reached; null before any).</summary>
public sealed record JourneyIndicatorsFound(DateTimeOffset? Through, int Days, IReadOnlyList<JourneyIndicatorRow> Rows);

/// <summary>Ask for one journey; answered with <see cref="JourneyFound"/>.</summary>
public sealed record GetJourney(string JourneyId);

/// <summary>The journey, or null when no engine holds it (read from its partition's latest snapshot when another engine does).</summary>
public sealed record JourneyFound(JourneyView? Journey);

/// <summary>Ask for one B2B account; answered with <see cref="AccountFound"/>.</summary>
public sealed record GetAccount(string AccountId);

/// <summary>The account, or null when no engine holds it (read from its partition's latest snapshot when another engine does).</summary>
public sealed record AccountFound(AccountView? Account);

/// <summary>Ask for the journeys' counters; answered with <see cref="JourneyStatus"/>.</summary>
public sealed record GetJourneyStatus
{
    public static readonly GetJourneyStatus Instance = new();
}

public sealed record JourneyStatus(long Applied, long Late, long Duplicates, long UnknownDepartments, long UnknownRoles, int Journeys, int Accounts, long Dropped, int Held)
{
    /// <summary>Of <see cref="Journeys"/>, those passivated (out of memory, on their channel's shelf).</summary>
    public long Passivated { get; init; }
}
