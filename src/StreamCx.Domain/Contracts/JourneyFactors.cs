namespace StreamCx.Domain.Contracts;

/// <summary>
/// A journey that is red (see <see cref="RedRules"/>) while its interactions were rated well: green outside, red inside.
/// Scores are on 0..10 (NPS as given; CSAT, CES and ratings brought to that scale).
/// </summary>
public sealed record WatermelonFactor(
    string JourneyId,
    string? CustomerId,
    string? AccountId,
    double DaysOpen,
    int Contacts,
    int Departments,
    double MeanInteractionScore,
    double? JourneyScore,
    JourneyOutcome? Outcome,
    bool Churn,
    string? ChurnEventId,
    IReadOnlyList<string> RedRules,
    IReadOnlyList<TimelineStep> Timeline) : Factor;

/// <summary>One step of a journey's timeline: a contact (with its score when it was surveyed), a closure or a churn.</summary>
public sealed record TimelineStep(DateTimeOffset At, string Kind, string? Department, string? Step, double? Score);

/// <summary>The contacts of a B2B account disagree: one role is satisfied, another is not (scores on 0..10).</summary>
public sealed record DivergenceFactor(
    string AccountId,
    string HighRole,
    double HighScore,
    string LowRole,
    double LowScore,
    double Gap,
    IReadOnlyList<RoleScore> Roles,
    bool Churn,
    string? ChurnEventId) : Factor;

/// <summary>An account's mean score (0..10) from the contacts of one role.</summary>
public sealed record RoleScore(string Role, double Mean, int Count);
