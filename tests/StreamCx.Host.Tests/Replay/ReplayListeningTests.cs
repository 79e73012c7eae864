using System.Text.Json;

namespace StreamCx.Host.Tests.Replay;

/// <summary><c>replay</c> with messages of the listening sources: taken in, counted by type, uncatalogued values counted, bad ones rejected.</summary>
[Collection("console")]
public class ReplayListeningTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private static string Line(object message) => JsonSerializer.Serialize(message);

    private static string At(double hours) => Start.AddHours(hours).ToString("O");

    [Fact]
    public async Task Listening_messages_are_counted_by_type_and_uncatalogued_values_are_kept_and_counted()
    {
        using var files = new ReplayFiles();
        string[] lines =
        [
            Line(new { eventId = "f1", occurredAt = At(0), siteId = "s1", channel = "phone", nps = 8, unitId = "agent-1", handlingSeconds = 200, firstContactResolution = true, contactCount = 1 }),
            Line(new { type = "complaint", eventId = "c1", occurredAt = At(1), siteId = "s1", channel = "phone", reason = "long-wait" }),
            Line(new { type = "complaint", eventId = "c2", occurredAt = At(2), siteId = "s1", channel = "email", reason = "parking-fees" }),
            Line(new { type = "incident", eventId = "i1", occurredAt = At(3), siteId = "s1", incidentType = "delivery-delay", magnitude = 95 }),
            Line(new { type = "internal-report", eventId = "r1", occurredAt = At(4), siteId = "s1", reporterRole = "night-guard", topic = "parking", sentiment = -0.4, text = "full" }),
            Line(new { type = "social-mention", eventId = "m1", occurredAt = At(5), platform = "x", sentiment = -0.9, reach = 500, text = "<b>bad</b>", url = "https://x.example/1" }),
            Line(new { type = "social-mention", eventId = "m2", occurredAt = At(6), platform = "x", sentiment = -0.9, reach = 500, text = "x", url = "javascript:alert(1)" }),
        ];
        await File.WriteAllLinesAsync(files.Input, lines);

        var (code, output) = await ReplayCommandTests.Cli("replay", "--input", files.Input, "--output", files.Output("alerts.jsonl"), "--sites", files.Sites, "--attributes", files.Attributes);

        Assert.Equal(0, code);
        Assert.Contains("valid 6", output, StringComparison.Ordinal);
        Assert.Contains("listening: 5 messages (complaint 2, incident 1, internal-report 1, social-mention 1); uncatalogued complaint reason 1, incident type 0, reporter role 1, platform 0", output, StringComparison.Ordinal);
        Assert.Contains("invalid-field: 1 (lines 7)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_complaint_surge_is_written_as_an_alert_among_the_others_in_event_order()
    {
        using var files = new ReplayFiles();
        var lines = new List<(DateTimeOffset At, string Line)>();
        for (var h = 0; h < 24 * 30; h++)
            for (var s = 0; s < 6; s++)
                for (var n = 0; n < 3; n++)
                    lines.Add((Start.AddHours(h).AddMinutes((n * 20) + s), Line(new { type = "complaint", eventId = $"c-{h}-{s}-{n}", occurredAt = At(h + (((n * 20) + s) / 60.0)), siteId = $"s{s}", channel = "phone", reason = "long-wait" })));
        var surge = Start.AddDays(29).AddHours(10);
        for (var m = 0; m < 24; m++)
            lines.Add((surge.AddMinutes(m * 10), Line(new { type = "complaint", eventId = $"burst-{m}", occurredAt = surge.AddMinutes(m * 10).ToString("O"), siteId = "s1", channel = "email", reason = "long-wait" })));
        lines.Add((surge.AddHours(6), Line(new { eventId = "f-after", occurredAt = surge.AddHours(6).ToString("O"), siteId = "s2", channel = "web", nps = 9 })));
        await File.WriteAllLinesAsync(files.Input, lines.OrderBy(l => l.At).Select(l => l.Line));

        var (code, output) = await ReplayCommandTests.Cli("replay", "--input", files.Input, "--output", files.Output("alerts.jsonl"), "--sites", files.Sites, "--attributes", files.Attributes);

        Assert.Equal(0, code);
        var alerts = (await File.ReadAllLinesAsync(files.Output("alerts.jsonl"))).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var opened = Assert.Single(alerts, a => a.GetProperty("status").GetString() == "open");
        Assert.Equal("s1", opened.GetProperty("siteId").GetString());
        Assert.Equal("complaints", opened.GetProperty("factors")[0].GetProperty("kind").GetString());
        Assert.InRange(opened.GetProperty("raisedAt").GetDateTimeOffset(), surge, surge.AddHours(4));
        Assert.Contains($"complaints applied {(24 * 30 * 18) + 24}, duplicates 0", output, StringComparison.Ordinal);
    }
}
