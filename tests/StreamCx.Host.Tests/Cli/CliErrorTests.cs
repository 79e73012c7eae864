using StreamCx.Host.Cli;
using StreamCx.Host.Tests.Replay;

namespace StreamCx.Host.Tests.Cli;

[Collection("console")]
public class CliErrorTests
{
    private static async Task<(int Code, string Error)> Cli(params string[] args)
    {
        var writer = new StringWriter();
        var original = Console.Error;
        Console.SetError(writer);
        try
        {
            return (await StreamCxCli.InvokeAsync(args), writer.ToString());
        }
        finally
        {
            Console.SetError(original);
        }
    }

    [Fact]
    public async Task Replay_without_input_is_refused()
    {
        var (code, error) = await Cli("replay", "--output", "x.jsonl");
        Assert.Equal(StreamCxCli.BadInput, code);
        Assert.Contains("--input", error);
    }

    [Fact]
    public async Task Replay_of_a_missing_file_names_it()
    {
        var (code, error) = await Cli("replay", "--input", "/nonexistent/events.jsonl", "--output", Path.GetTempFileName());
        Assert.Equal(StreamCxCli.BadInput, code);
        Assert.Contains("/nonexistent/events.jsonl", error);
    }

    [Theory]
    [InlineData("Detection:TrendZ=abc", "Detection")]
    [InlineData("Detection:TrendZ=0.1", "TrendZ")]
    [InlineData("Detection:BucketWidth=00:07:00", "BucketWidth")]
    [InlineData("Detection:NoSuchKnob=1", "NoSuchKnob")]
    [InlineData("Detection:GroupJoinZ=-1", "GroupJoinZ")]
    [InlineData("Detection:GroupJoinHorizon=5.00:00:00", "GroupJoinHorizon")]
    [InlineData("Kafka:Topics:0=bad topic!", "Kafka")]
    [InlineData("Engine:Parallelism=-4", "Parallelism")]
    [InlineData("Engine:BatchSize=0", "BatchSize")]
    [InlineData("Engine:BatchSize=many", "BatchSize")]
    [InlineData("Simulator:HistorySpeedup=0", "HistorySpeedup")]
    [InlineData("Simulator:JourneysPerHour=-1", "JourneysPerHour")]
    [InlineData("Simulator:WatermelonEvery=-2", "WatermelonEvery")]
    [InlineData("Simulator:ListeningPerSitePerHour=-0.5", "ListeningPerSitePerHour")]
    [InlineData("Journeys:MaxContacts=0", "MaxContacts")]
    [InlineData("Journeys:WellRatedAtOrAbove=11", "WellRatedAtOrAbove")]
    [InlineData("Journeys:Retention=-1.00:00:00", "Retention")]
    [InlineData("Journeys:PassivateAfter=00:00:00", "PassivateAfter")]
    [InlineData("Journeys:ShelfDirectory=/proc/streamcx-shelves", "ShelfDirectory")]
    [InlineData("Journeys:NoSuchRule=1", "NoSuchRule")]
    [InlineData("ReferenceData:DepartmentsFile=/nonexistent/departments.json", "departments file")]
    [InlineData("ReferenceData:ComplaintReasonsFile=/nonexistent/reasons.json", "complaint reasons file '/nonexistent/reasons.json'")]
    [InlineData("ReferenceData:IncidentTypesFile=/nonexistent/incidents.json", "incident types file")]
    [InlineData("ReferenceData:ReporterRolesFile=/nonexistent/roles.json", "reporter roles file")]
    [InlineData("ReferenceData:PlatformsFile=/nonexistent/platforms.json", "platforms file")]
    [InlineData("not-a-pair", "KEY=VALUE")]
    public async Task Bad_configuration_is_refused_with_a_message_naming_the_key(string setting, string named)
    {
        using var files = new ReplayFiles();
        var (code, error) = await Cli("replay", "--input", files.Input, "--output", files.Output("o.jsonl"), "--sites", files.Sites, "--attributes", files.Attributes, "--set", setting);
        Assert.Equal(StreamCxCli.BadInput, code);
        Assert.Contains(named, error);
        Assert.False(File.Exists(files.Output("o.jsonl")));
    }

    [Fact]
    public async Task A_missing_reference_file_is_named()
    {
        using var files = new ReplayFiles();
        var (code, error) = await Cli("replay", "--input", files.Input, "--output", files.Output("o.jsonl"), "--attributes", files.Attributes, "--set", "ReferenceData:SitesFile=/nonexistent/sites.json");
        Assert.Equal(StreamCxCli.BadInput, code);
        Assert.Contains("/nonexistent/sites.json", error);
    }

    [Fact]
    public async Task A_hostile_sites_file_is_refused()
    {
        using var files = new ReplayFiles();
        File.WriteAllText(files.Sites, """[{"siteId":"a\u0000b","name":"x","regionId":"r"},{"siteId":"a\u0000b","name":"y","regionId":"r"}]""");
        var (code, error) = await Cli("replay", "--input", files.Input, "--output", files.Output("o.jsonl"), "--sites", files.Sites, "--attributes", files.Attributes);
        Assert.Equal(StreamCxCli.BadInput, code);
        Assert.Contains("siteId", error);
    }
}
