using System.Text.Json;
using System.Text.Json.Nodes;

namespace StreamCx.Host.Tests.Replay;

/// <summary><c>replay</c> writes the grouped alerts: a region group per region, and one network group naming every site.</summary>
[Collection("console")]
public sealed class ReplayGroupingTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "streamcx-grouping-" + Guid.NewGuid().ToString("N"));

    public ReplayGroupingTests()
    {
        Directory.CreateDirectory(_root);
        var sites = Enumerable.Range(0, 12).Select(i => new { siteId = $"s{i}", name = $"Site {i}", regionId = i < 6 ? "north" : "south" }).ToList();
        File.WriteAllText(Sites, JsonSerializer.Serialize(sites));
        File.WriteAllText(Attributes, """[{"attributeId":"product-availability","label":"Product availability","min":1,"max":5,"dissatisfiedAtOrBelow":2}]""");
        // four steady days at 20 responses an hour per site, then product availability falls by 1.5 points within an hour at
        // every site from 10:00 on the fourth day, for 10 h
        var rnd = new Random(9);
        var start = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.FromHours(1));
        var lines = new List<(DateTimeOffset At, string Line)>();
        foreach (var site in sites)
        {
            for (var i = 0; i < 120 * 20; i++)
            {
                var hours = (i + rnd.NextDouble()) / 20;
                var mean = hours is > 82 and < 92 ? 4.2 - (1.5 * Math.Min(1, hours - 82)) : 4.2;
                var rating = Math.Clamp(Math.Round(mean + (Normal(rnd) * 0.6)), 1, 5);
                var at = start.AddHours(hours);
                lines.Add((at, JsonSerializer.Serialize(new
                {
                    eventId = $"{site.siteId}-{i}", occurredAt = at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz"), siteId = site.siteId, channel = "store",
                    ratings = new Dictionary<string, double> { ["product-availability"] = rating },
                })));
            }
        }
        File.WriteAllLines(Input, lines.OrderBy(l => l.At).Select(l => l.Line));
    }

    private string Sites => Path.Combine(_root, "sites.json");
    private string Attributes => Path.Combine(_root, "attributes.json");
    private string Input => Path.Combine(_root, "events.jsonl");

    private static double Normal(Random rnd) => Math.Sqrt(-2 * Math.Log(1 - rnd.NextDouble())) * Math.Cos(2 * Math.PI * rnd.NextDouble());

    [Fact]
    public async Task A_move_at_every_site_of_two_regions_is_written_as_one_network_group_line_over_the_region_groups()
    {
        var output = Path.Combine(_root, "alerts.jsonl");
        var (code, _) = await ReplayCommandTests.Cli("replay", "--input", Input, "--output", output, "--sites", Sites, "--attributes", Attributes);

        Assert.Equal(0, code);
        var alerts = File.ReadAllLines(output).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        static string? Scope(JsonObject a) => a["factors"]!.AsArray() is [{ } f] && (string?)f["kind"] == "group" ? (string?)f["scope"] : null;
        var network = alerts.Where(a => Scope(a) == "network").ToList();
        Assert.Equal(["open", "updated", "resolved"], network.Select(a => (string)a["status"]!).Distinct());
        Assert.Single(network.Select(a => (string)a["alertId"]!).Distinct());
        Assert.Matches(@"^Product availability fell at \d+ sites in 2 regions since 1\d:\d\d: Site ", (string)network[0]["explanation"]!);
        var named = network.SelectMany(a => a["factors"]![0]!["siteIds"]!.AsArray().Select(s => (string)s!)).Distinct().Count();
        Assert.True(named >= 6, $"the network group names the falling sites ({named})");

        var regionGroups = alerts.Where(a => Scope(a) == "region" && (string)a["status"]! == "open").ToList();
        Assert.Equal(["north", "south"], regionGroups.Select(a => (string)a["regionId"]!).Order());
        var folded = network[^1]["factors"]![0]!["foldedAlertIds"]!.AsArray().Select(s => (string)s!).ToList();
        Assert.Equal(regionGroups.Select(a => (string)a["alertId"]!).Order(), folded.Order());
        // each network emission is written right after the region group emission that caused it
        var first = alerts.IndexOf(network[0]);
        Assert.Equal("region", Scope(alerts[first - 1]));
    }

    [Fact]
    public async Task With_network_groups_off_the_region_groups_are_written_and_no_network_group()
    {
        var output = Path.Combine(_root, "alerts-off.jsonl");
        var (code, _) = await ReplayCommandTests.Cli(
            "replay", "--input", Input, "--output", output, "--sites", Sites, "--attributes", Attributes, "--set", "Detection:NetworkGroups=false");

        Assert.Equal(0, code);
        var lines = File.ReadAllLines(output);
        Assert.Contains(lines, l => l.Contains("\"scope\":\"region\"", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("\"scope\":\"network\"", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
