using System.Text.Json;
using System.Text.Json.Nodes;

namespace StreamCx.Host.Tests.Replay;

/// <summary><c>replay</c> with journey messages: journey and account alerts in the same output, in event order.</summary>
[Collection("console")]
public class ReplayJourneyTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private static string Line(object message) => JsonSerializer.Serialize(message);

    private static string At(double days) => Start.AddDays(days).ToString("O");

    /// <summary>4 contacts over 31 days across 3 departments rated 5/5, a journey NPS of 2, a churn; and a B2B account whose users and purchasing disagree.</summary>
    private static List<string> Messages() =>
    [
        Line(new { eventId = "c1", occurredAt = At(0), siteId = "s1", channel = "phone", journeyId = "jrn-1", customerId = "cus-1", department = "support", csat = 5 }),
        Line(new { type = "journey-step", eventId = "st1", occurredAt = At(5), journeyId = "jrn-1", department = "field-service", step = "technician-visit", reason = "network" }),
        Line(new { eventId = "c2", occurredAt = At(10), siteId = "s1", channel = "phone", journeyId = "jrn-1", customerId = "cus-1", department = "field-service", csat = 5 }),
        Line(new { eventId = "c3", occurredAt = At(20), siteId = "s2", channel = "phone", journeyId = "jrn-1", customerId = "cus-1", department = "central-support", csat = 5 }),
        Line(new { eventId = "c4", occurredAt = At(31), siteId = "s1", channel = "phone", journeyId = "jrn-1", customerId = "cus-1", department = "support", csat = 5 }),
        Line(new { eventId = "j1", occurredAt = At(31.1), siteId = "s1", channel = "email", journeyId = "jrn-1", customerId = "cus-1", scope = "journey", nps = 2 }),
        Line(new { type = "churn", eventId = "churn-1", occurredAt = At(33), customerId = "cus-1", reason = "left for a competitor" }),
        Line(new { eventId = "u1", occurredAt = At(1), siteId = "s3", channel = "email", accountId = "acc-1", contactRole = "user", nps = 9 }),
        Line(new { eventId = "u2", occurredAt = At(2), siteId = "s3", channel = "email", accountId = "acc-1", contactRole = "user", nps = 9 }),
        Line(new { eventId = "p1", occurredAt = At(3), siteId = "s3", channel = "email", accountId = "acc-1", contactRole = "purchasing", nps = 3 }),
        Line(new { eventId = "p2", occurredAt = At(4), siteId = "s3", channel = "email", accountId = "acc-1", contactRole = "purchasing", nps = 3 }),
        Line(new { type = "journey-closed", eventId = "x1", occurredAt = At(32), journeyId = "jrn-1", outcome = "sorted" }),
    ];

    private static async Task<(string[] Alerts, string Summary)> Replay(ReplayFiles files, IEnumerable<string> lines, string name)
    {
        var input = files.Output(name + ".jsonl");
        await File.WriteAllLinesAsync(input, lines);
        var (code, output) = await ReplayCommandTests.Cli("replay", "--input", input, "--output", files.Output(name + "-alerts.jsonl"), "--sites", files.Sites, "--attributes", files.Attributes);
        Assert.Equal(0, code);
        return (await File.ReadAllLinesAsync(files.Output(name + "-alerts.jsonl")), output);
    }

    private static bool OfKind(string alert, string kind) =>
        JsonNode.Parse(alert)!["factors"]!.AsArray().Any(f => (string?)f!["kind"] == kind);

    [Fact]
    public async Task The_watermelon_alert_opens_before_the_churn_and_the_churn_is_linked_to_it()
    {
        using var files = new ReplayFiles();

        var (alerts, _) = await Replay(files, Messages(), "journeys");

        var journey = alerts.Where(a => OfKind(a, "watermelon")).Select(a => JsonNode.Parse(a)!).ToList();
        Assert.Equal("open", (string?)journey[0]["status"]);
        Assert.Equal(Start.AddDays(20), journey[0]["raisedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal("s1", (string?)journey[0]["siteId"]);
        Assert.Equal("journey", (string?)journey[0]["attributeId"]);
        var last = journey[^1]["factors"]![0]!;
        Assert.Equal(("jrn-1", true, "churn-1"), ((string?)last["journeyId"], (bool)last["churn"]!, (string?)last["churnEventId"]));
        Assert.Equal(Start.AddDays(33), journey[^1]["raisedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(5, (int)last["contacts"]!); // 4 surveys and a step
    }

    [Fact]
    public async Task The_account_divergence_alert_is_in_the_same_output_in_event_order()
    {
        using var files = new ReplayFiles();

        var (alerts, _) = await Replay(files, Messages(), "journeys");

        var raised = alerts.Select(a => JsonNode.Parse(a)!["raisedAt"]!.GetValue<DateTimeOffset>()).ToList();
        var account = Assert.Single(alerts, a => OfKind(a, "divergence"));
        Assert.Equal("s3", (string?)JsonNode.Parse(account)!["siteId"]);
        Assert.Equal(raised.Order(), raised); // the journey and the account alerts in one event-time sequence
    }

    [Fact]
    public async Task Messages_in_another_file_order_give_the_same_alerts_apart_from_emittedAt()
    {
        using var files = new ReplayFiles();
        var messages = Messages();
        var reversed = Enumerable.Reverse(messages).ToList();

        var (inOrder, _) = await Replay(files, messages, "in-order");
        var (shuffled, _) = await Replay(files, reversed, "reversed");

        Assert.NotEmpty(inOrder);
        Assert.Equal(inOrder.Select(ReplayCommandTests.WithoutEmittedAt), shuffled.Select(ReplayCommandTests.WithoutEmittedAt));
    }

    [Fact]
    public async Task The_summary_counts_journey_messages_by_type_and_rejects_a_bad_outcome_with_its_line()
    {
        using var files = new ReplayFiles();

        var (_, summary) = await Replay(files, Messages(), "journeys");

        Assert.Contains("journeys: 2 journey messages (journey-step 1, journey-closed 0, churn 1)", summary);
        Assert.Contains("invalid-field: 1 (lines 12)", summary);
        Assert.Contains("'outcome'", summary);
    }
}
