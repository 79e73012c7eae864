using StreamCx.Host.Cli;
using StreamCx.Host.Tests.Replay;

namespace StreamCx.Host.Tests.Metrics;

/// <summary>Bad Metrics and logging configuration through the command line: exit 2, the key named, nothing run.</summary>
[Collection("console")]
public class MetricsConfigurationCliTests
{
    private static async Task<(int Code, string Error)> Replay(string setting)
    {
        using var files = new ReplayFiles();
        var args = new[] { "replay", "--input", files.Input, "--output", files.Output("o.jsonl"), "--sites", files.Sites, "--attributes", files.Attributes, "--set", setting };
        var writer = new StringWriter();
        var original = Console.Error;
        Console.SetError(writer);
        try
        {
            var code = await StreamCxCli.Build(args).Parse(args).InvokeAsync();
            Assert.False(File.Exists(files.Output("o.jsonl")));
            return (code, writer.ToString());
        }
        finally
        {
            Console.SetError(original);
        }
    }

    [Theory]
    [InlineData("Metrics:Port=abc", "Metrics")]
    [InlineData("Metrics:Port=99999999999", "Metrics")]
    [InlineData("Metrics:Port=0", "Metrics:Port")]
    [InlineData("Metrics:Port=8080", "already used by Urls")]
    [InlineData("Metrics:Path=metrics", "Metrics:Path")]
    [InlineData("Metrics:Path=/api/metrics", "Metrics:Path")]
    [InlineData("Metrics:Enabled=perhaps", "Metrics")]
    [InlineData("Metrics:Hostname=evil host", "Metrics:Hostname")]
    [InlineData("Metrics:KafkaStatisticsInterval=soon", "Metrics")]
    [InlineData("Metrics:KafkaStatisticsInterval=-00:00:05", "Metrics:KafkaStatisticsInterval")]
    [InlineData("Metrics:ChannelLabels:0=a b", "Metrics:ChannelLabels:0")]
    [InlineData("Metrics:NoSuchKey=1", "NoSuchKey")]
    [InlineData("Logging:Console:FormatterName=xml", "Logging:Console:FormatterName")]
    public async Task Bad_metrics_or_log_format_configuration_is_refused_naming_the_key(string setting, string named)
    {
        var (code, error) = await Replay(setting);
        Assert.Equal(StreamCxCli.BadInput, code);
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Logging:Console:FormatterName=json")]
    [InlineData("Logging:Console:FormatterName=Simple")]
    [InlineData("Metrics:Port=9464")]
    [InlineData("Metrics:Enabled=false")]
    public async Task Good_values_pass(string setting)
    {
        using var files = new ReplayFiles();
        var args = new[] { "replay", "--input", files.Input, "--output", files.Output("o.jsonl"), "--sites", files.Sites, "--attributes", files.Attributes, "--set", setting };
        Assert.Equal(0, await StreamCxCli.Build(args).Parse(args).InvokeAsync());
    }
}
