using System.Text.Json;

namespace StreamCx.Host.Tests.Replay;

/// <summary><c>replay</c> tests each closed hour for channels markedly worse than their site's others and writes the channel alerts.</summary>
[Collection("console")]
public class ReplayChannelTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Eight answers an hour at s1 for 3 days over store, web and app; from the second day on, app rates waiting time 1.5 lower.</summary>
    private static IEnumerable<string> Feedback()
    {
        var rnd = new Random(5);
        string[] channels = ["store", "web", "app"];
        for (var h = 0; h < 72; h++)
            for (var n = 0; n < 8; n++)
            {
                var channel = channels[rnd.Next(3)];
                var rating = Math.Clamp((int)Math.Round((channel == "app" && h >= 24 ? 2.5 : 4) + rnd.NextDouble() - 0.5), 1, 5);
                yield return JsonSerializer.Serialize(new
                {
                    eventId = $"f-{h}-{n}", occurredAt = Start.AddHours(h).AddMinutes(n * 7).ToString("O"), siteId = "s1", channel,
                    ratings = new Dictionary<string, int> { ["waiting-time"] = rating },
                });
            }
    }

    [Fact]
    public async Task A_channel_worse_than_the_sites_others_is_written_as_a_channel_alert()
    {
        using var files = new ReplayFiles();
        await File.WriteAllLinesAsync(files.Input, Feedback());

        var (code, output) = await ReplayCommandTests.Cli("replay", "--input", files.Input, "--output", files.Output("alerts.jsonl"), "--sites", files.Sites, "--attributes", files.Attributes);

        Assert.Equal(0, code);
        Assert.Contains("channels: feedback applied 576; hours tested through 2026-01-07T23:00:00.0000000+00:00", output, StringComparison.Ordinal);
        var alerts = (await File.ReadAllLinesAsync(files.Output("alerts.jsonl"))).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var opened = Assert.Single(alerts, a => a.GetProperty("status").GetString() == "open" && a.GetProperty("factors")[0].GetProperty("kind").GetString() == "channel");
        var factor = opened.GetProperty("factors")[0];
        Assert.Equal(("s1", "waiting-time", "channel", "app"),
            (opened.GetProperty("siteId").GetString(), opened.GetProperty("attributeId").GetString(), factor.GetProperty("dimension").GetString(), factor.GetProperty("value").GetString()));
        Assert.Equal(3, factor.GetProperty("values").GetArrayLength());
    }

    [Fact]
    public async Task Channels_Enabled_false_tests_nothing()
    {
        using var files = new ReplayFiles();
        await File.WriteAllLinesAsync(files.Input, Feedback());

        var (code, _) = await ReplayCommandTests.Cli("replay", "--input", files.Input, "--output", files.Output("alerts.jsonl"), "--sites", files.Sites, "--attributes", files.Attributes,
            "--set", "Channels:Enabled=false");

        Assert.Equal(0, code);
        Assert.DoesNotContain(await File.ReadAllLinesAsync(files.Output("alerts.jsonl")), l => l.Contains("\"kind\":\"channel\"", StringComparison.Ordinal));
    }
}
