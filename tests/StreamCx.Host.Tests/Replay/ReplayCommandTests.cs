using System.Text.Json.Nodes;
using StreamCx.Host.Cli;

namespace StreamCx.Host.Tests.Replay;

[Collection("console")]
public class ReplayCommandTests
{
    internal static async Task<(int Code, string Out)> Cli(params string[] args)
    {
        var writer = new StringWriter();
        var original = Console.Out;
        Console.SetOut(writer);
        try
        {
            var code = await StreamCxCli.Build(args).Parse(args).InvokeAsync();
            return (code, writer.ToString());
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    internal static string WithoutEmittedAt(string line)
    {
        var node = JsonNode.Parse(line)!.AsObject();
        Assert.True(node.Remove("emittedAt"));
        return node.ToJsonString();
    }

    [Fact]
    public async Task Replaying_the_same_file_twice_gives_the_same_alert_lines_apart_from_emittedAt()
    {
        using var files = new ReplayFiles();

        var first = await Cli("replay", "--input", files.Input, "--output", files.Output("a.jsonl"), "--sites", files.Sites, "--attributes", files.Attributes);
        var second = await Cli("replay", "--input", files.Input, "--output", files.Output("b.jsonl"), "--sites", files.Sites, "--attributes", files.Attributes);

        Assert.Equal(0, first.Code);
        Assert.Equal(0, second.Code);
        var a = File.ReadAllLines(files.Output("a.jsonl"));
        var b = File.ReadAllLines(files.Output("b.jsonl"));
        Assert.NotEmpty(a);
        Assert.Equal(a.Select(WithoutEmittedAt), b.Select(WithoutEmittedAt));
        var open = JsonNode.Parse(a[0])!;
        Assert.Equal("open", (string?)open["status"]);
        Assert.Equal("s0", (string?)open["siteId"]);
        Assert.Contains(open["factors"]!.AsArray(), f => (string?)f!["kind"] == "peer");
        Assert.Equal("<b>trop long</b>", (string?)open["verbatims"]![0]!["text"]);
    }

    [Fact]
    public async Task The_summary_counts_rejections_by_reason_with_their_line_numbers_and_the_run_still_succeeds()
    {
        using var files = new ReplayFiles();

        var (code, output) = await Cli("replay", "--input", files.Input, "--output", files.Output("a.jsonl"), "--sites", files.Sites, "--attributes", files.Attributes);

        Assert.Equal(0, code);
        Assert.Contains("rejected 3", output);
        Assert.Contains("not-json: 1 (lines 11)", output);
        Assert.Contains("missing-field: 1 (lines 21)", output);
        Assert.Contains("unknown-site: 1 (lines 31)", output);
        Assert.Contains("duplicates 1", output);
        var written = File.ReadAllLines(files.Output("a.jsonl")).Select(l => (string?)JsonNode.Parse(l)!["status"]).ToList();
        Assert.NotEmpty(written);
        Assert.Contains(
            $"alerts {written.Count}: open {written.Count(s => s == "open")}, updated {written.Count(s => s == "updated")}, resolved {written.Count(s => s == "resolved")}",
            output);
    }

    [Fact]
    public async Task A_file_out_of_event_time_order_gives_the_alerts_of_the_same_file_in_order()
    {
        using var files = new ReplayFiles();
        var shuffled = files.Output("shuffled.jsonl");
        var rnd = new Random(9);
        File.WriteAllLines(shuffled, File.ReadAllLines(files.Input).OrderBy(_ => rnd.Next()));

        var inOrder = await Cli("replay", "--input", files.Input, "--output", files.Output("a.jsonl"), "--sites", files.Sites, "--attributes", files.Attributes);
        var outOfOrder = await Cli("replay", "--input", shuffled, "--output", files.Output("b.jsonl"), "--sites", files.Sites, "--attributes", files.Attributes);

        Assert.Equal(0, outOfOrder.Code);
        var a = File.ReadAllLines(files.Output("a.jsonl"));
        Assert.NotEmpty(a);
        Assert.Equal(a.Select(WithoutEmittedAt), File.ReadAllLines(files.Output("b.jsonl")).Select(WithoutEmittedAt));
        Assert.Contains("rejected 3", outOfOrder.Out);
        Assert.Contains("duplicates 1", outOfOrder.Out);
        Assert.Equal(SummaryWithoutLineNumbersAndTimes(inOrder.Out), SummaryWithoutLineNumbersAndTimes(outOfOrder.Out));
    }

    [Fact]
    public async Task An_empty_file_replays_to_an_empty_output()
    {
        using var files = new ReplayFiles();
        var empty = files.Output("empty.jsonl");
        File.WriteAllText(empty, "");

        var (code, output) = await Cli("replay", "--input", empty, "--output", files.Output("a.jsonl"), "--sites", files.Sites, "--attributes", files.Attributes);

        Assert.Equal(0, code);
        Assert.Contains("replay: 0 lines read", output);
        Assert.Contains("alerts 0", output);
        Assert.Empty(File.ReadAllLines(files.Output("a.jsonl")));
    }

    [Fact]
    public async Task Bad_lines_are_reported_with_their_line_numbers_wherever_they_fall_among_the_parse_batches()
    {
        using var files = new ReplayFiles();
        var many = files.Output("many.jsonl");
        var good = File.ReadAllLines(files.Input).First(l => l.Contains("\"e5\"", StringComparison.Ordinal));
        var lines = Enumerable.Range(0, 20_000).Select(i => good.Replace("\"e5\"", $"\"m{i}\"", StringComparison.Ordinal)).ToList();
        foreach (var at in new[] { 0, 8191, 8192, 19_999 }) lines[at] = "not json";
        File.WriteAllLines(many, lines);

        var (code, output) = await Cli("replay", "--input", many, "--output", files.Output("a.jsonl"), "--sites", files.Sites, "--attributes", files.Attributes);

        Assert.Equal(0, code);
        Assert.Contains("replay: 20000 lines read", output);
        Assert.Contains("valid 19996", output);
        Assert.Contains("not-json: 4 (lines 1, 8192, 8193, 20000)", output);
    }

    /// <summary>The counts of a summary (valid, late, duplicates, rejected, alerts), without what depends on line positions or timing.</summary>
    private static string[] SummaryWithoutLineNumbersAndTimes(string summary) =>
        summary.Split('\n').Where(l => l.StartsWith("  valid", StringComparison.Ordinal) || l.StartsWith("  rejected", StringComparison.Ordinal) || l.StartsWith("  alerts", StringComparison.Ordinal)).ToArray();
}
