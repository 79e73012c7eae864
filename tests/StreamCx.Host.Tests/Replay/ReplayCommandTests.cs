using System.Text.Json.Nodes;
using StreamCx.Host.Cli;

namespace StreamCx.Host.Tests.Replay;

[Collection("console")]
public class ReplayCommandTests
{
    private static async Task<(int Code, string Out)> Cli(params string[] args)
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

    private static string WithoutEmittedAt(string line)
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
        Assert.Contains("alerts ", output);
    }
}
