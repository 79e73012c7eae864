using Microsoft.Extensions.Configuration;
using StreamCx.Host.Configuration;

namespace StreamCx.Host.Tests.Configuration;

/// <summary>Sections <c>Complaints</c> and <c>Social</c>: bound, validated at start, a bad value named.</summary>
public class ListeningSettingsConfigurationTests
{
    private static StreamCxConfiguration Load(params (string Key, string Value)[] values) =>
        StreamCxConfiguration.Load(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());

    [Fact]
    public void Defaults_and_overrides_bind()
    {
        Assert.Equal(1e-5, Load().Complaints.SurgeP);
        Assert.Equal(14, Load(("Complaints:BaselineDays", "14")).Complaints.BaselineDays);
        Assert.Equal(-0.5, Load(("Social:NegativeAtOrBelow", "-0.5")).Social.NegativeAtOrBelow);
        Assert.Equal([10, 20], Load(("Social:SpansMinutes:0", "10"), ("Social:SpansMinutes:1", "20")).Social.Spans);
    }

    [Fact]
    public void Spans_set_from_configuration_replace_the_default_list()
    {
        Assert.Equal([3, 6], Load(("Complaints:SpansHours:0", "3"), ("Complaints:SpansHours:1", "6")).Complaints.Spans);
    }

    [Theory]
    [InlineData("Complaints:SurgeP", "0.9", "SurgeP")]
    [InlineData("Complaints:ResolveP", "0.000001", "ResolveP")]
    [InlineData("Complaints:MinBaselineHours", "0", "MinBaselineHours")]
    [InlineData("Complaints:NoSuchKnob", "1", "NoSuchKnob")]
    [InlineData("Social:NegativeAtOrBelow", "1", "NegativeAtOrBelow")]
    [InlineData("Social:SpansMinutes:0", "7", "SpansMinutes")]
    [InlineData("Social:SurgeP", "0", "SurgeP")]
    [InlineData("Social:SpreadingP", "0.7", "SpreadingP")]
    [InlineData("Social:SpreadingMinCount", "0", "SpreadingMinCount")]
    public void A_bad_value_stops_the_start_naming_the_key(string key, string value, string named)
    {
        var e = Assert.Throws<ConfigurationException>(() => Load((key, value)));

        Assert.Contains(e.Errors, m => m.Contains(named, StringComparison.Ordinal));
    }
}
