using System.Globalization;
using StreamCx.Domain.Alerting;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Snapshots;

namespace StreamCx.Domain.Journeys;

/// <summary>
/// B2B accounts: each contact's survey counted under its role; the roles diverge when the best and worst role means (each
/// from <see cref="JourneySettings.MinRoleResponses"/> surveys) are <see cref="JourneySettings.DivergenceGap"/> apart and
/// the worst is dissatisfied ("users satisfied, purchasing not"). The alert opens on divergence, is updated when the
/// roles, the gap (0.5 points) or a churn of the account change, and resolved when the roles no longer diverge or
/// the account is dropped <see cref="JourneySettings.Retention"/> after its last survey.
/// </summary>
public sealed class AccountBook(ReferenceCatalog catalog, JourneySettings settings, TimeProvider clock)
{
    private readonly Dictionary<string, AccountState> _accounts = new(StringComparer.Ordinal);
    private readonly DueQueue _due = new();

    public int Count => _accounts.Count;

    public AccountState? Find(string accountId) => _accounts.GetValueOrDefault(accountId);

    public void Advance(long now, List<Alert> alerts)
    {
        while (_due.TryTake(now, out var id, out var due))
        {
            var a = _accounts[id];
            var retention = a.LastTicks + settings.Retention.Ticks;
            if (due < retention)
            {
                _due.Add(id, retention);
                continue;
            }
            if (a.AlertId is not null) alerts.Add(Compose(a, Divergence(a), AlertStatus.Resolved, due, $"was dropped after {settings.Retention.TotalDays:0} days without surveys"));
            _accounts.Remove(id);
        }
    }

    public void Apply(FeedbackEvent e, double score, List<Alert> alerts)
    {
        var t = e.OccurredAt.UtcTicks;
        if (!_accounts.TryGetValue(e.AccountId!, out var a))
        {
            _accounts[e.AccountId!] = a = new AccountState(e.AccountId!);
            _due.Add(a.AccountId, t + settings.Retention.Ticks);
        }
        a.FirstTicks = Math.Min(a.FirstTicks, t);
        a.LastTicks = Math.Max(a.LastTicks, t);
        a.SiteId = e.SiteId;
        if (e.ContactRole is not null) a.Add(e.ContactRole, score);
        Evaluate(a, t, alerts);
    }

    /// <summary>A churn of the account is linked to its open divergence alert.</summary>
    public void Apply(Churn c, List<Alert> alerts)
    {
        if (c.AccountId is null || !_accounts.TryGetValue(c.AccountId, out var a)) return;
        a.ChurnEventId = c.EventId;
        Evaluate(a, c.OccurredAt.UtcTicks, alerts);
    }

    /// <summary>Every account held and when each next needs a look, as plain data.</summary>
    public AccountBookSnapshot Capture() =>
        new([.. _accounts.Values.OrderBy(a => a.AccountId, StringComparer.Ordinal).Select(a => a.ToSnapshot())], _due.Capture());

    /// <summary>Puts back what <see cref="Capture"/> took, into a book that holds nothing yet (deadlines keyed by the accounts' own ids).</summary>
    public void Restore(AccountBookSnapshot snapshot)
    {
        var labels = new BoundedStringPool(JourneyBook.RestoredLabels);
        foreach (var s in snapshot.Accounts)
        {
            var a = AccountState.FromSnapshot(s, labels);
            _accounts[a.AccountId] = a;
        }
        _due.Restore(snapshot.Due.Select(d => _accounts.TryGetValue(d.Key, out var a) ? d with { Key = a.AccountId } : d));
    }

    /// <summary>Puts back what <see cref="Capture"/> took in place of what the book holds.</summary>
    public void Replace(AccountBookSnapshot snapshot)
    {
        _accounts.Clear();
        _due.Clear();
        Restore(snapshot);
    }

    /// <summary>The best and the worst role with enough surveys, when the roles diverge.</summary>
    public (AccountState.RoleSums High, AccountState.RoleSums Low)? Divergence(AccountState a)
    {
        var rated = a.Roles.Where(r => r.Count >= settings.MinRoleResponses).OrderBy(r => r.Mean).ThenBy(r => r.Role, StringComparer.Ordinal).ToList();
        if (rated.Count < 2) return null;
        var (low, high) = (rated[0], rated[^1]);
        return high.Mean - low.Mean >= settings.DivergenceGap && low.Mean <= settings.LowJourneyScoreAtOrBelow ? (high, low) : null;
    }

    private void Evaluate(AccountState a, long now, List<Alert> alerts)
    {
        var divergence = Divergence(a);
        if (a.AlertId is null)
        {
            if (divergence is null) return;
            a.AlertId = AlertIds.For("account:" + a.AccountId, JourneyAlertComposer.AccountAttributeId, JourneyAlertComposer.At(now));
            a.AlertSequence = 0;
            alerts.Add(Compose(a, divergence, AlertStatus.Open, now, null));
            return;
        }
        if (divergence is not { } d)
        {
            alerts.Add(Compose(a, null, AlertStatus.Resolved, now, "no longer shows diverging roles"));
            return;
        }
        var said = Said(a, d);
        if (said.High == a.AlertedAs.High && said.Low == a.AlertedAs.Low && Math.Abs(said.Gap - a.AlertedAs.Gap) < 0.5 && said.Churn == a.AlertedAs.Churn) return;
        alerts.Add(Compose(a, d, AlertStatus.Updated, now, null));
    }

    private static (string High, string Low, double Gap, bool Churn) Said(AccountState a, (AccountState.RoleSums High, AccountState.RoleSums Low) d) =>
        (d.High.Role, d.Low.Role, d.High.Mean - d.Low.Mean, a.ChurnEventId is not null);

    private Alert Compose(AccountState a, (AccountState.RoleSums High, AccountState.RoleSums Low)? d, AlertStatus status, long now, string? closing)
    {
        a.AlertSequence++;
        var (high, low) = d ?? (a.Roles.MaxBy(r => r.Mean), a.Roles.MinBy(r => r.Mean));
        if (d is { } shown) a.AlertedAs = Said(a, shown);
        var alertId = a.AlertId!;
        if (status == AlertStatus.Resolved) a.AlertId = null;
        var churn = a.ChurnEventId is not null;
        var factor = new DivergenceFactor(
            a.AccountId, high.Role, R(high.Mean), low.Role, R(low.Mean), R(high.Mean - low.Mean),
            JourneyViews.Of(a, true).Roles, churn, a.ChurnEventId);
        var severity = Math.Clamp((high.Mean - low.Mean) / 10, 0.25, 1);
        if (churn) severity = Math.Max(severity, 0.8);
        var explanation = closing is not null
            ? $"Account {a.AccountId} {closing}."
            : $"Account {a.AccountId}: its {high.Role} contacts are satisfied ({N(high.Mean)}/10 from {high.Count}) but its {low.Role} contacts are not "
              + $"({N(low.Mean)}/10 from {low.Count}), a gap of {N(high.Mean - low.Mean)}{(churn ? "; the account has churned" : "")}.";
        return JourneyAlertComposer.Compose(
            catalog, clock, (alertId, status, a.AlertSequence), a.SiteId,
            (JourneyAlertComposer.AccountAttributeId, JourneyAlertComposer.AccountAttributeLabel), Math.Round(severity, 3), factor,
            JourneyAlertComposer.Score(a.Roles.Sum(r => r.Sum), a.Roles.Sum(r => r.Count), a.Roles.Sum(r => r.Dissatisfied)), a.FirstTicks, now, explanation);
    }

    private static double R(double v) => Math.Round(v, 2);

    private static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
