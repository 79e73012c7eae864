using StreamCx.Domain.Contracts;

namespace StreamCx.Domain.Journeys;

/// <summary>What <c>GET /api/journeys/{id}</c> shows: a journey's numbers, its rules as of the event time reached, its timeline.</summary>
public sealed record JourneyView(
    string JourneyId,
    string? CustomerId,
    string? AccountId,
    string? SiteId,
    DateTimeOffset OpenedAt,
    DateTimeOffset LastEventAt,
    DateTimeOffset? ClosedAt,
    JourneyOutcome? Outcome,
    int Contacts,
    IReadOnlyList<string> Departments,
    double? MeanInteractionScore,
    double? JourneyScore,
    string? ChurnEventId,
    IReadOnlyList<string> RedRules,
    bool Watermelon,
    string? AlertId,
    IReadOnlyList<TimelineStep> Timeline);

/// <summary>What <c>GET /api/accounts/{id}</c> shows: the account's score by contact role and its divergence.</summary>
public sealed record AccountView(string AccountId, string SiteId, IReadOnlyList<RoleScore> Roles, bool Diverging, string? ChurnEventId, string? AlertId);

public static class JourneyViews
{
    /// <param name="now">The event time the rules are evaluated at (what the processor has reached).</param>
    public static JourneyView Of(JourneyState j, long now, JourneySettings settings)
    {
        var rules = RedRules.Evaluate(j, Math.Max(now, j.LastTicks), settings);
        return new JourneyView(
            j.JourneyId, j.CustomerId, j.AccountId, j.SiteId, JourneyAlertComposer.At(j.OpenedTicks), JourneyAlertComposer.At(j.LastTicks),
            j.ClosedTicks is { } closed ? JourneyAlertComposer.At(closed) : null, j.Outcome, j.Contacts, j.Departments,
            j.Rated == 0 ? null : Math.Round(j.MeanInteractionScore, 2), j.JourneyScore, j.ChurnEventId, RedRules.Names(rules),
            RedRules.IsWatermelon(j, rules, settings), j.AlertId, Timeline(j.Timeline));
    }

    public static AccountView Of(AccountState a, bool diverging) => new(
        a.AccountId, a.SiteId, [.. a.Roles.OrderBy(r => r.Role, StringComparer.Ordinal).Select(r => new RoleScore(r.Role, Math.Round(r.Mean, 2), r.Count))],
        diverging, a.ChurnEventId, a.AlertId);

    public static TimelineStep[] Timeline(ReadOnlySpan<JourneyState.Mark> marks)
    {
        var steps = new TimelineStep[marks.Length];
        for (var i = 0; i < marks.Length; i++) steps[i] = Step(marks[i]);
        return steps;
    }

    private static TimelineStep Step(JourneyState.Mark m) => new(
        JourneyAlertComposer.At(m.Ticks), KindName(m.Kind), m.Department, m.Step, float.IsNaN(m.Score) ? null : Math.Round(m.Score, 2));

    private static string KindName(JourneyState.MarkKind kind) => kind switch
    {
        JourneyState.MarkKind.Step => "step",
        JourneyState.MarkKind.Interaction => "interaction",
        JourneyState.MarkKind.JourneySurvey => "journey-survey",
        JourneyState.MarkKind.Closed => "closed",
        _ => "churn",
    };
}
