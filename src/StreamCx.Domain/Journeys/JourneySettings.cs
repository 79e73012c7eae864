namespace StreamCx.Domain.Journeys;

/// <summary>
/// The watermelon detector's rules and the journeys' bounds (configuration section <c>Journeys</c>; README "Journeys and
/// accounts"). Scores are on 0..10: NPS as given, CSAT (1..5), CES (1..7, reversed) and ratings brought to that scale.
/// A journey is red when any rule holds; a watermelon when it is red while its interactions were rated well.
/// </summary>
public sealed record JourneySettings
{
    /// <summary>Red: open longer than this without a resolution (event time from its first event).</summary>
    public TimeSpan MaxOpenDuration { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Red: more contacts than this (journey steps and interaction surveys).</summary>
    public int MaxContacts { get; init; } = 3;

    /// <summary>Red: more distinct departments than this handled it.</summary>
    public int MaxDepartments { get; init; } = 2;

    /// <summary>Red: the same contact reason given this many times.</summary>
    public int RepeatedReasonCount { get; init; } = 3;

    /// <summary>Red: a journey-scope survey scored at or below this (0..10; NPS detractors are 0..6).</summary>
    public double LowJourneyScoreAtOrBelow { get; init; } = 6;

    /// <summary>Watermelon: the interaction surveys' mean is at least this (0..10; CSAT 4 of 5 is 7.5).</summary>
    public double WellRatedAtOrAbove { get; init; } = 7.5;

    /// <summary>Watermelon: at least this many interaction surveys.</summary>
    public int MinRatedInteractions { get; init; } = 1;

    /// <summary>A journey or account without events for this long (event time) is dropped, closed or not.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(90);

    /// <summary>
    /// An open or closed journey without events for this long (event time) is passivated: taken out of memory onto its
    /// channel's shelf (the engine's: a local file), brought back by its next event, its next deadline or a churn of its
    /// customer or account. It gives the same alerts as if it had stayed. Replay keeps every journey in memory.
    /// </summary>
    public TimeSpan PassivateAfter { get; init; } = TimeSpan.FromDays(1);

    /// <summary>The engine's shelves of passivated journeys go in this directory (one file per channel, deleted when it goes); default: the temporary directory.</summary>
    public string? ShelfDirectory { get; init; }

    /// <summary>
    /// Replay (and a processor on its own): events are applied in event order once the newest event time is further than
    /// this past them; later ones are applied on arrival and counted late. The engine waits for its frontier of event time instead.
    /// </summary>
    public TimeSpan AllowedLateness { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Steps kept in a journey's timeline (the first ones and the latest; the counts stay exact).</summary>
    public int MaxTimelineSteps { get; init; } = 12;

    /// <summary>Account divergence: the best and the worst role's means differ by at least this (0..10)…</summary>
    public double DivergenceGap { get; init; } = 4;

    /// <summary>… and the worst role is dissatisfied (at or below <see cref="LowJourneyScoreAtOrBelow"/>); each role needs this many surveys.</summary>
    public int MinRoleResponses { get; init; } = 2;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        void Positive(TimeSpan v, string name) { if (v <= TimeSpan.Zero) errors.Add($"{name} must be positive, got {v}"); }
        void AtLeast(double v, double min, string name) { if (!(v >= min)) errors.Add($"{name} must be at least {min}, got {v}"); }
        void Score(double v, string name) { if (!(v >= 0 && v <= 10)) errors.Add($"{name} must be from 0 to 10, got {v}"); }

        Positive(MaxOpenDuration, nameof(MaxOpenDuration));
        Positive(Retention, nameof(Retention));
        Positive(PassivateAfter, nameof(PassivateAfter));
        if (AllowedLateness < TimeSpan.Zero) errors.Add($"{nameof(AllowedLateness)} must not be negative, got {AllowedLateness}");
        AtLeast(MaxContacts, 1, nameof(MaxContacts));
        AtLeast(MaxDepartments, 1, nameof(MaxDepartments));
        AtLeast(RepeatedReasonCount, 2, nameof(RepeatedReasonCount));
        AtLeast(MinRatedInteractions, 1, nameof(MinRatedInteractions));
        AtLeast(MinRoleResponses, 1, nameof(MinRoleResponses));
        AtLeast(MaxTimelineSteps, 2, nameof(MaxTimelineSteps));
        Score(LowJourneyScoreAtOrBelow, nameof(LowJourneyScoreAtOrBelow));
        Score(WellRatedAtOrAbove, nameof(WellRatedAtOrAbove));
        Score(DivergenceGap, nameof(DivergenceGap));
        return errors;
    }
}
