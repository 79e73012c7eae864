using StreamCx.Domain.Contracts;
using StreamCx.Domain.Journeys;
using StreamCx.Domain.Journeys.Indicators;

namespace StreamCx.Domain.Snapshots;

/// <summary>
/// Everything a <see cref="JourneyState"/> holds, as plain data (times in UTC ticks): who and where, its counts and sums,
/// its departments and contact reasons in the order they came, its timeline, and its watermelon alert with what its last
/// emission said (<see cref="AlertedAs"/>), and the indicator readings it gave (absent in snapshots taken before them: none).
/// </summary>
public sealed record JourneyStateSnapshot(
    string JourneyId,
    string? CustomerId,
    string? AccountId,
    string? SiteId,
    long OpenedTicks,
    long LastTicks,
    long? ClosedTicks,
    JourneyOutcome? Outcome,
    int Contacts,
    IReadOnlyList<string> Departments,
    int Rated,
    double ScoreSum,
    int Dissatisfied,
    double? JourneyScore,
    string? ChurnEventId,
    IReadOnlyList<ReasonCount> Reasons,
    IReadOnlyList<JourneyState.Mark> Timeline,
    string? AlertId,
    int AlertSequence,
    bool AlertClosed,
    WatermelonSaid AlertedAs,
    JourneyReadingsTaken ReadingsTaken = JourneyReadingsTaken.None);

/// <summary>A contact reason of a journey and how many times it was given.</summary>
public sealed record ReasonCount(string Reason, int Count);

/// <summary>What a watermelon alert's last emission said: the rules that held, the outcome, the journey score, a churn.</summary>
public sealed record WatermelonSaid(RedRule Rules, JourneyOutcome? Outcome, double? JourneyScore, bool Churn);
