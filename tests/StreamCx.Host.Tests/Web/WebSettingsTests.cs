using Microsoft.Extensions.Configuration;
using StreamCx.Host.Configuration;

namespace StreamCx.Host.Tests.Web;

public class WebSettingsTests
{
    private static StreamCxConfiguration Load(params (string Key, string Value)[] values) =>
        StreamCxConfiguration.Load(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());

    [Fact]
    public void Defaults_generate_a_token_and_bound_the_stream()
    {
        var web = Load().Web;
        Assert.Equal("", web.Token);
        Assert.Equal(1000, web.ReplayBufferSize);
        Assert.Equal(256, web.SubscriberBufferSize);
        Assert.Equal(1000, web.MaxSubscribers);
        Assert.Equal(TimeSpan.FromSeconds(15), web.HeartbeatInterval);
    }

    [Fact]
    public void Settings_are_bound_from_the_Web_section()
    {
        var web = Load(("Web:Token", "0123456789abcdef-XYZ"), ("Web:SubscriberBufferSize", "8"), ("Web:HeartbeatInterval", "00:00:05")).Web;
        Assert.Equal("0123456789abcdef-XYZ", web.Token);
        Assert.Equal(8, web.SubscriberBufferSize);
        Assert.Equal(TimeSpan.FromSeconds(5), web.HeartbeatInterval);
        Assert.Equal(new Engine.Live.LiveFeedOptions(1000, 8, 1000, 5000, 50), web.ToFeedOptions());
    }

    [Theory]
    [InlineData("Web:Token", "short", "Web:Token")]
    [InlineData("Web:Token", "has a space in it ......", "Web:Token")]
    [InlineData("Web:Token", "non-ascii-tökén-0123456789", "Web:Token")]
    [InlineData("Web:ReplayBufferSize", "0", "Web:ReplayBufferSize")]
    [InlineData("Web:SubscriberBufferSize", "-1", "Web:SubscriberBufferSize")]
    [InlineData("Web:SubscriberBufferSize", "many", "Web")]
    [InlineData("Web:MaxSubscribers", "1000000", "Web:MaxSubscribers")]
    [InlineData("Web:MaxAlerts", "0", "Web:MaxAlerts")]
    [InlineData("Web:MaxHistoryPerAlert", "0", "Web:MaxHistoryPerAlert")]
    [InlineData("Web:HeartbeatInterval", "00:00:00", "Web:HeartbeatInterval")]
    [InlineData("Web:ReconnectDelay", "01:00:00", "Web:ReconnectDelay")]
    [InlineData("Web:Tokn", "0123456789abcdef", "Tokn")]
    public void Bad_values_stop_the_start_with_a_message_naming_the_key(string key, string value, string named)
    {
        var error = Assert.Throws<ConfigurationException>(() => Load((key, value)));
        Assert.Contains(error.Errors, e => e.Contains(named, StringComparison.Ordinal));
    }
}
