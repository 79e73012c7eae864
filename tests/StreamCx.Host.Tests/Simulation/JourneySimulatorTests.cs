using StreamCx.Domain.Contracts;
using StreamCx.Domain.Journeys;
using StreamCx.Host.Simulation;

namespace StreamCx.Host.Tests.Simulation;

/// <summary>
/// The demo's journeys: two simulated days, parsed and applied by the domain as the engine does, give watermelon alerts
/// for the scripted watermelons (and for no other journey) and a divergence alert for the diverging account, within the
/// first hours of event time (the demo replays its first day in seconds).
/// </summary>
public sealed class JourneySimulatorTests
{
    private static readonly TimeSpan Period = TimeSpan.FromDays(2);
    private static readonly SimulatedJourneys Run = SimulatedJourneys.Run(new SimulatorSettings(), Period);

    [Fact]
    public void Every_message_parses_as_valid_and_names_only_catalogued_departments_and_roles()
    {
        Assert.True(Run.Messages.Count > 500, $"{Run.Messages.Count} messages");
        Assert.All(Run.Messages.Zip(Run.Parsed), mp =>
        {
            var (message, parsed) = mp;
            Assert.True(parsed.IsValid, $"{parsed.Rejection}: {System.Text.Encoding.UTF8.GetString(message.Value)}");
            var flags = parsed.Event?.Flags ?? (parsed.Signal as JourneyStep)?.Flags ?? CatalogFlags.None;
            Assert.Equal(CatalogFlags.None, flags);
        });
        Assert.Equal(["churn", "journey-closed", "journey-step"], Run.Signals.Select(s => s switch
        {
            JourneyStep => "journey-step",
            JourneyClosed => "journey-closed",
            _ => "churn",
        }).Distinct().Order());
    }

    [Fact]
    public void Messages_come_in_event_order_and_each_one_once()
    {
        Assert.Equal(Run.Messages.OrderBy(m => m, SimulatedMessage.EventOrder), Run.Messages);
        Assert.Equal(Run.Messages.Count, Run.Messages.Select(m => m.EventId).Distinct().Count());
        Assert.All(Run.Messages.Zip(Run.Parsed), mp => Assert.Equal(mp.Item1.At, mp.Item2.Event?.OccurredAt ?? mp.Item2.Signal!.OccurredAt));
    }

    [Fact]
    public void Every_journey_of_more_than_three_contacts_or_two_departments_is_a_watermelon_alerted_while_open_and_no_other_journey_alerts()
    {
        var settings = new JourneySettings();
        var contacts = Run.Signals.OfType<JourneyStep>().Select(s => (s.JourneyId, s.Department))
            .Concat(Run.Surveys.Where(e => e.JourneyId is not null && e.Scope == FeedbackScope.Interaction).Select(e => (e.JourneyId!, e.Department!)))
            .GroupBy(c => c.Item1).ToDictionary(g => g.Key, g => (Count: g.Count(), Departments: g.Select(c => c.Item2).Distinct().Count()));
        var bouncing = contacts.Where(c => c.Value.Count > settings.MaxContacts || c.Value.Departments > settings.MaxDepartments).Select(c => c.Key).Order().ToList();
        var opened = Run.Alerts.Where(a => a.Status == AlertStatus.Open && a.Factors.Single() is WatermelonFactor).ToList();

        // 2 days × 12 journeys an hour, the first and every 48th a watermelon: about 12 of them, all but the last one or
        // two (cut off by the end of the period) past their third contact
        Assert.InRange(bouncing.Count, 8, 18);
        Assert.InRange(contacts.Count(c => c.Value.Count > settings.MaxContacts && c.Value.Departments >= 3), bouncing.Count - 2, bouncing.Count);
        Assert.Equal(bouncing, opened.Select(a => ((WatermelonFactor)a.Factors.Single()).JourneyId).Order());
        Assert.All(Run.Alerts, a => Assert.True(a.Factors.Single() is WatermelonFactor or DivergenceFactor, a.Explanation));
        var closures = Run.Signals.OfType<JourneyClosed>().ToDictionary(c => c.JourneyId, c => c.OccurredAt);
        Assert.All(opened, a =>
        {
            var f = (WatermelonFactor)a.Factors.Single();
            Assert.Equal(10, f.MeanInteractionScore);
            if (closures.TryGetValue(f.JourneyId, out var closed)) Assert.True(a.RaisedAt < closed, $"{f.JourneyId} alerted at {a.RaisedAt}, closed at {closed}");
        });
        Assert.True(opened[0].RaisedAt < SimulatedJourneys.From.AddHours(12), $"the first watermelon opened at {opened[0].RaisedAt}");
    }

    [Fact]
    public void A_watermelon_ends_unresolved_or_with_a_low_journey_score_and_some_churn_linked_to_their_alert()
    {
        var closed = Run.Signals.OfType<JourneyClosed>().Select(c => c.JourneyId).ToHashSet();
        var ends = Run.Alerts.Select(a => a.Factors.Single()).OfType<WatermelonFactor>().Where(f => closed.Contains(f.JourneyId))
            .GroupBy(f => f.JourneyId).Select(g => g.Last()).ToList();

        Assert.All(ends, f => Assert.True(
            f.Outcome == JourneyOutcome.Unresolved || (f.JourneyScore <= 3 && f.Outcome == JourneyOutcome.Abandoned),
            $"{f.JourneyId}: outcome {f.Outcome}, journey score {f.JourneyScore}"));
        Assert.Contains(ends, f => f.Outcome == JourneyOutcome.Unresolved);
        Assert.Contains(ends, f => f.JourneyScore is not null);
        var churned = ends.Where(f => f.Churn).ToList();
        Assert.InRange(churned.Count, 3, ends.Count - 3);
        Assert.All(churned, f => Assert.Contains(Run.Signals.OfType<Churn>(), c => c.EventId == f.ChurnEventId && c.CustomerId == f.CustomerId));
    }

    [Fact]
    public void The_diverging_account_alone_alerts_users_satisfied_purchasing_not()
    {
        var opened = Run.Alerts.Where(a => a.Status == AlertStatus.Open && a.Factors.Single() is DivergenceFactor).ToList();

        var alert = Assert.Single(opened);
        var f = (DivergenceFactor)alert.Factors.Single();
        Assert.Equal((AccountSurveys.DivergingAccount, "user", "purchasing"), (f.AccountId, f.HighRole, f.LowRole));
        Assert.True(f.Gap >= 4, $"gap {f.Gap}");
        Assert.True(alert.RaisedAt < SimulatedJourneys.From.AddHours(12), $"opened at {alert.RaisedAt}");
        Assert.True(Run.Surveys.Select(e => e.AccountId).Distinct().Count(a => a is not null) >= 4, "several accounts");
    }

    [Fact]
    public void Comments_agree_with_the_score_they_come_with()
    {
        var commented = Run.Surveys.Where(e => e.Comment is not null).ToList();

        Assert.True(commented.Count > 50, $"{commented.Count} comments");
        Assert.All(commented, e =>
        {
            var score = e.Nps ?? (e.Csat!.Value - 1) * 2.5;
            var expected = score >= 7.5 ? "praise" : score <= 4 ? "complaint" : "neutral";
            Assert.Equal(expected, Kind(e.Comment!));
            Assert.Contains(Texts(), t => (e.Language == "fr" ? t.Fr : t.En) == e.Comment);
        });
        Assert.Equal(["complaint", "neutral", "praise"], commented.Select(e => Kind(e.Comment!)).Distinct().Order());
    }

    [Fact]
    public void The_same_seed_gives_the_same_messages_however_time_is_stepped_and_another_seed_others()
    {
        var settings = new SimulatorSettings();
        var byMinute = SimulatedJourneys.Produce(settings, TimeSpan.FromHours(30), TimeSpan.FromMinutes(1));
        var byUnevenSteps = SimulatedJourneys.Produce(settings, TimeSpan.FromHours(30), TimeSpan.FromMinutes(17));
        var otherSeed = SimulatedJourneys.Produce(new SimulatorSettings { Seed = 7 }, TimeSpan.FromHours(30), TimeSpan.FromMinutes(1));

        static string[] Json(IEnumerable<SimulatedMessage> ms) => [.. ms.Select(m => m.Key + " " + System.Text.Encoding.UTF8.GetString(m.Value))];
        var within = Json(byUnevenSteps);
        Assert.Equal(within, Json(byMinute).Take(within.Length));
        Assert.True(within.Length > 300);
        Assert.NotEqual(Json(byMinute).Take(50), Json(otherSeed).Take(50));
    }

    [Fact]
    public void No_journeys_and_no_account_surveys_when_their_rates_are_zero()
    {
        var none = SimulatedJourneys.Produce(new SimulatorSettings { JourneysPerHour = 0, AccountSurveysPerHour = 0 }, TimeSpan.FromHours(12), TimeSpan.FromMinutes(5));

        Assert.Empty(none);
    }

    private static IEnumerable<(string En, string Fr)> Texts() =>
        JourneyVerbatims.Praise.Concat(JourneyVerbatims.TeamPraise).Concat(JourneyVerbatims.Neutral)
            .Concat(JourneyVerbatims.Complaints).Concat(JourneyVerbatims.JourneyComplaints).Concat(JourneyVerbatims.PurchasingComplaints);

    private static string Kind(string comment)
    {
        static bool In(IEnumerable<(string En, string Fr)> texts, string c) => texts.Any(t => t.En == c || t.Fr == c);
        return In(JourneyVerbatims.Praise.Concat(JourneyVerbatims.TeamPraise), comment) ? "praise"
            : In(JourneyVerbatims.Neutral, comment) ? "neutral"
            : In(JourneyVerbatims.Complaints.Concat(JourneyVerbatims.JourneyComplaints).Concat(JourneyVerbatims.PurchasingComplaints), comment) ? "complaint"
            : "unknown";
    }
}
