using StreamCx.Domain.Contracts;

namespace StreamCx.Domain.Journeys;

/// <summary>Why a journey is red (<see cref="JourneySettings"/> holds each threshold).</summary>
[Flags]
public enum RedRule : byte
{
    None = 0,
    TooLong = 1,
    TooManyContacts = 2,
    TooManyDepartments = 4,
    RepeatedReason = 8,
    BadOutcome = 16,
    LowJourneyScore = 32,
    Churn = 64,
}

public static class RedRules
{
    /// <summary>The rules that hold for <paramref name="j"/> at event time <paramref name="now"/>.</summary>
    public static RedRule Evaluate(JourneyState j, long now, JourneySettings s)
    {
        var rules = RedRule.None;
        var end = j.ClosedTicks ?? now;
        if (j.Outcome != JourneyOutcome.Resolved && end - j.OpenedTicks > s.MaxOpenDuration.Ticks) rules |= RedRule.TooLong;
        if (j.Contacts > s.MaxContacts) rules |= RedRule.TooManyContacts;
        if (j.Departments.Length > s.MaxDepartments) rules |= RedRule.TooManyDepartments;
        if (j.MostRepeatedReason >= s.RepeatedReasonCount) rules |= RedRule.RepeatedReason;
        if (j.Outcome is JourneyOutcome.Unresolved or JourneyOutcome.Abandoned) rules |= RedRule.BadOutcome;
        if (j.JourneyScore is { } score && score <= s.LowJourneyScoreAtOrBelow) rules |= RedRule.LowJourneyScore;
        if (j.ChurnEventId is not null) rules |= RedRule.Churn;
        return rules;
    }

    /// <summary>Red while its interactions were rated well: green outside, red inside.</summary>
    public static bool IsWatermelon(JourneyState j, RedRule rules, JourneySettings s) =>
        rules != RedRule.None && j.Rated >= s.MinRatedInteractions && j.MeanInteractionScore >= s.WellRatedAtOrAbove;

    public static IReadOnlyList<string> Names(RedRule rules) =>
        [.. Enum.GetValues<RedRule>().Where(r => r != RedRule.None && rules.HasFlag(r)).Select(Name)];

    public static string Name(RedRule rule) => rule switch
    {
        RedRule.TooLong => "too-long",
        RedRule.TooManyContacts => "too-many-contacts",
        RedRule.TooManyDepartments => "too-many-departments",
        RedRule.RepeatedReason => "repeated-reason",
        RedRule.BadOutcome => "unresolved-outcome",
        RedRule.LowJourneyScore => "low-journey-score",
        RedRule.Churn => "churn",
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };
}
