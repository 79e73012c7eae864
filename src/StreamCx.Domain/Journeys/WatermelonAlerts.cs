using System.Globalization;
using StreamCx.Domain.Alerting;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Domain.Journeys;

/// <summary>
/// A journey's one watermelon alert: <c>open</c> as soon as it is red while its interactions were rated well (while it
/// is still open and can be saved), <c>updated</c> when a rule, the outcome, the journey score or a churn changes what it
/// says, <c>resolved</c> when the journey is closed resolved, stops being a watermelon, or is dropped after retention.
/// </summary>
public sealed class WatermelonAlerts(ReferenceCatalog catalog, JourneySettings settings, TimeProvider clock)
{
    public void Evaluate(JourneyState j, long now, List<Alert> alerts, string? closing = null)
    {
        if (j.AlertClosed) return;
        var rules = RedRules.Evaluate(j, now, settings);
        var watermelon = RedRules.IsWatermelon(j, rules, settings);
        var said = (rules, j.Outcome, j.JourneyScore, j.ChurnEventId is not null);
        if (j.AlertId is null)
        {
            if (!watermelon || j.Outcome == JourneyOutcome.Resolved || closing is not null) return;
            j.AlertId = AlertIds.For("journey:" + j.JourneyId, JourneyAlertComposer.JourneyAttributeId, JourneyAlertComposer.At(now));
            j.AlertSequence = 1;
            j.AlertedAs = said;
            alerts.Add(Compose(j, rules, AlertStatus.Open, now, null));
            return;
        }
        closing ??= j.Outcome == JourneyOutcome.Resolved ? "was closed resolved"
            : !watermelon ? $"is no longer a watermelon: its interactions are now rated {N(j.MeanInteractionScore)}/10 on average, visible without it"
            : null;
        if (closing is null && said == j.AlertedAs) return;
        j.AlertSequence++;
        j.AlertedAs = said;
        j.AlertClosed = closing is not null;
        alerts.Add(Compose(j, rules, closing is null ? AlertStatus.Updated : AlertStatus.Resolved, now, closing));
    }

    private Alert Compose(JourneyState j, RedRule rules, AlertStatus status, long now, string? closing)
    {
        var days = Math.Round(TimeSpan.FromTicks((j.ClosedTicks ?? now) - j.OpenedTicks).TotalDays, 1);
        var factor = new WatermelonFactor(
            j.JourneyId, j.CustomerId, j.AccountId, days, j.Contacts, j.Departments.Length, Math.Round(j.MeanInteractionScore, 2),
            j.JourneyScore is { } js ? Math.Round(js, 2) : null, j.Outcome, j.ChurnEventId is not null, j.ChurnEventId,
            RedRules.Names(rules), JourneyViews.Timeline(j.Timeline));
        var severity = Math.Min(1, 0.5 + (0.1 * (BitCount(rules) - 1)));
        if (j.ChurnEventId is not null) severity = Math.Max(severity, 0.8);
        return JourneyAlertComposer.Compose(
            catalog, clock, (j.AlertId!, status, j.AlertSequence), j.SiteId!,
            (JourneyAlertComposer.JourneyAttributeId, JourneyAlertComposer.JourneyAttributeLabel), Math.Round(severity, 3), factor,
            JourneyAlertComposer.Score(j.ScoreSum, j.Rated, j.Dissatisfied), j.OpenedTicks, now, Explain(j, factor, closing));
    }

    private static string Explain(JourneyState j, WatermelonFactor f, string? closing)
    {
        var who = f.AccountId is not null ? $" (account {f.AccountId})" : f.CustomerId is not null ? $" (customer {f.CustomerId})" : "";
        if (closing is not null) return $"Journey {j.JourneyId}{who} {closing}.";
        var journeyScore = f.JourneyScore is { } s ? $", the journey itself rated {N(s)}/10" : "";
        var outcome = f.Outcome is { } o ? $", closed {o.ToString().ToLowerInvariant()}" : ", still open";
        var churn = f.Churn ? "; the customer has churned" : "";
        return $"Journey {j.JourneyId}{who} is red behind green interactions: {N(f.DaysOpen)} days, {f.Contacts} contacts across "
            + $"{f.Departments} departments, interactions rated {N(f.MeanInteractionScore)}/10 on average{journeyScore}{outcome} "
            + $"({string.Join(", ", f.RedRules)}){churn}.";
    }

    private static int BitCount(RedRule rules) => System.Numerics.BitOperations.PopCount((uint)rules);

    private static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
