using StreamCx.Domain.Contracts;
using static StreamCx.Domain.Tests.Journeys.JourneyEvents;

namespace StreamCx.Domain.Tests.Journeys;

/// <summary>B2B accounts: scores by contact role, divergence between roles, its alert and the account's churn.</summary>
public sealed class AccountTests
{
    private static object[] UsersNinePurchasingThree() =>
    [
        AccountSurvey("u1", "acc-1", Start, "user", 9),
        AccountSurvey("p1", "acc-1", Start.AddDays(1), "purchasing", 3),
        AccountSurvey("u2", "acc-1", Start.AddDays(2), "user", 9),
        AccountSurvey("p2", "acc-1", Start.AddDays(3), "purchasing", 3),
    ];

    [Fact]
    public void Account_whose_users_rate_9_and_purchasing_3_shows_the_divergence_and_alerts()
    {
        var p = Processor();

        var alerts = Run(p, UsersNinePurchasingThree());

        var account = p.Accounts.Find("acc-1")!;
        var (high, low) = p.Accounts.Divergence(account)!.Value;
        Assert.Equal(("user", 9.0, "purchasing", 3.0), (high.Role, high.Mean, low.Role, low.Mean));
        var open = Assert.Single(alerts);
        Assert.Equal(AlertStatus.Open, open.Status);
        Assert.Equal(Start.AddDays(3), open.RaisedAt); // the second purchasing survey: both roles have two
        Assert.Equal("account", open.AttributeId);
        var f = Assert.IsType<DivergenceFactor>(Assert.Single(open.Factors));
        Assert.Equal(("acc-1", "user", 9.0, "purchasing", 3.0, 6.0), (f.AccountId, f.HighRole, f.HighScore, f.LowRole, f.LowScore, f.Gap));
        Assert.Equal([new RoleScore("purchasing", 3, 2), new RoleScore("user", 9, 2)], f.Roles);
    }

    [Fact]
    public void Roles_that_agree_raise_nothing()
    {
        var p = Processor();

        var alerts = Run(p,
        [
            AccountSurvey("u1", "acc-2", Start, "user", 8),
            AccountSurvey("p1", "acc-2", Start.AddDays(1), "purchasing", 7),
            AccountSurvey("u2", "acc-2", Start.AddDays(2), "user", 9),
            AccountSurvey("p2", "acc-2", Start.AddDays(3), "purchasing", 8),
        ]);

        Assert.Empty(alerts);
        Assert.Null(p.Accounts.Divergence(p.Accounts.Find("acc-2")!));
    }

    [Fact]
    public void Churn_of_the_account_is_linked_to_its_open_divergence_alert()
    {
        var alerts = Run(Processor(), [.. UsersNinePurchasingThree(), AccountChurn("churn-9", Start.AddDays(10), "acc-1")]);

        var last = alerts[^1];
        Assert.Equal(AlertStatus.Updated, last.Status);
        Assert.Equal(alerts[0].AlertId, last.AlertId);
        var f = Assert.IsType<DivergenceFactor>(Assert.Single(last.Factors));
        Assert.Equal((true, "churn-9"), (f.Churn, f.ChurnEventId));
    }

    [Fact]
    public void The_alert_resolves_when_the_roles_no_longer_diverge()
    {
        var recovering = Enumerable.Range(0, 6).Select(i => (object)AccountSurvey($"p{i + 10}", "acc-1", Start.AddDays(5 + i), "purchasing", 9));

        var alerts = Run(Processor(), [.. UsersNinePurchasingThree(), .. recovering]);

        Assert.Equal(AlertStatus.Resolved, alerts[^1].Status);
        Assert.Equal(alerts[0].AlertId, alerts[^1].AlertId);
    }
}
