using StreamCx.Host.Metrics;

namespace StreamCx.Host.Tests.Metrics;

public class MetricsSettingsValidatorTests
{
    private const string Urls = "http://127.0.0.1:8080";

    private static IReadOnlyList<string> Validate(Action<MetricsSettings> change, string? urls = Urls)
    {
        var settings = new MetricsSettings();
        change(settings);
        return MetricsSettingsValidator.Validate(settings, urls);
    }

    [Fact]
    public void The_defaults_are_valid() => Assert.Empty(Validate(_ => { }));

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/internal/prometheus")]
    [InlineData("/m-e_t.r~ics")]
    [InlineData("/healthz")]
    public void Plain_paths_are_accepted(string path) => Assert.Empty(Validate(s => s.Path = path));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("metrics", "start with '/'")]
    [InlineData("/", "root")]
    [InlineData("//metrics", "segment")]
    [InlineData("/metrics/", "segment")]
    [InlineData("/a/../metrics", "segment")]
    [InlineData("/./metrics", "segment")]
    [InlineData("/me trics", "only letters")]
    [InlineData("/metrics?x=1", "only letters")]
    [InlineData("/metrics#a", "only letters")]
    [InlineData("/m%65trics", "only letters")]
    [InlineData("/métriques", "only letters")]
    [InlineData("/metrics\n", "only letters")]
    [InlineData("/health/live", "collides")]
    [InlineData("/HEALTH", "collides")]
    [InlineData("/api/status", "collides")]
    public void Hostile_paths_are_refused_with_the_key_named(string path, string why)
    {
        var error = Assert.Single(Validate(s => s.Path = path));
        Assert.StartsWith("Metrics:Path", error, StringComparison.Ordinal);
        Assert.Contains(why, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_very_long_path_is_refused_and_the_message_stays_short()
    {
        var error = Assert.Single(Validate(s => s.Path = "/" + new string('a', 5000)));
        Assert.Contains("longer than", error, StringComparison.Ordinal);
        Assert.True(error.Length < 200, error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65536)]
    [InlineData(int.MinValue)]
    public void Ports_out_of_range_are_refused(int port)
    {
        var error = Assert.Single(Validate(s => s.Port = port));
        Assert.StartsWith("Metrics:Port must be from 1 to 65535", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9100")]
    [InlineData("http://localhost:5000;http://*:9100")]
    [InlineData("http://+:9100")]
    [InlineData("https://[::1]:9100")]
    public void A_port_the_web_endpoints_use_is_refused(string urls)
    {
        var error = Assert.Single(Validate(s => s.Port = 9100, urls));
        Assert.Contains("Metrics:Port 9100 is already used by Urls", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a url;;")]
    public void Unreadable_urls_do_not_hide_a_valid_metrics_port(string? urls) => Assert.Empty(Validate(s => s.Port = 9100, urls));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("localhost")]
    [InlineData("+")]
    [InlineData("*")]
    [InlineData("[::1]")]
    [InlineData("[::]")]
    public void Bindable_hostnames_are_accepted(string host) => Assert.Empty(Validate(s => s.Hostname = host));

    [Theory]
    [InlineData("")]
    [InlineData("example.com")]
    [InlineData("::1")]
    [InlineData("[127.0.0.1]")]
    [InlineData("1")]
    [InlineData("256.1.1.1")]
    [InlineData("127.0.0.1:80")]
    [InlineData("127.0.0.1/metrics")]
    public void Other_hostnames_are_refused(string host)
    {
        var error = Assert.Single(Validate(s => s.Hostname = host));
        Assert.StartsWith("Metrics:Hostname", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:00:00.1")]
    [InlineData("00:00:05")]
    [InlineData("01:00:00")]
    public void Statistics_intervals_off_or_in_range_are_accepted(string interval) =>
        Assert.Empty(Validate(s => s.KafkaStatisticsInterval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("-00:00:01")]
    [InlineData("00:00:00.05")]
    [InlineData("01:00:01")]
    [InlineData("10675199.02:48:05.4775807")]
    public void Statistics_intervals_out_of_range_are_refused(string interval)
    {
        var error = Assert.Single(Validate(s => s.KafkaStatisticsInterval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.StartsWith("Metrics:KafkaStatisticsInterval", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Store Front", "Metrics:ChannelLabels:1")]
    [InlineData("", "Metrics:ChannelLabels:1")]
    [InlineData("web\"}", "Metrics:ChannelLabels:1")]
    [InlineData("other", "reserved")]
    [InlineData("Rejected", "reserved")]
    [InlineData("STORE", "twice")]
    public void Hostile_channel_labels_are_refused(string channel, string named)
    {
        var error = Assert.Single(Validate(s => s.ChannelLabels = ["store", channel]));
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_channel_labels_are_refused_to_keep_the_label_bounded()
    {
        var error = Assert.Single(Validate(s => s.ChannelLabels = Enumerable.Range(0, 101).Select(i => $"c{i}").ToArray()));
        Assert.Contains("at most 100", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var errors = Validate(s =>
        {
            s.Path = "x";
            s.Port = 0;
            s.Hostname = "?";
            s.KafkaStatisticsInterval = TimeSpan.FromDays(1);
            s.ChannelLabels = ["other"];
        });
        Assert.Equal(5, errors.Count);
    }
}
