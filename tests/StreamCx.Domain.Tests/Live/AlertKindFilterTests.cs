using System.Text.Json;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Live;
using StreamCx.Domain.Tests.TestSupport;

namespace StreamCx.Domain.Tests.Live;

/// <summary>The <c>kind</c> filter: a factor kind, or <c>journey</c> (watermelon or divergence), on the REST view and the stream.</summary>
public class AlertKindFilterTests
{
    private static readonly WatermelonFactor Watermelon = new(
        "j-1", "c-1", "acc-1", 31, 6, 3, 8.5, 2, JourneyOutcome.Unresolved, false, null, ["long-open"], []);

    private static readonly DivergenceFactor Divergence = new("acc-1", "user", 9, "buyer", 3, 6, [], false, null);

    private static (AlertFilter? Filter, IReadOnlyList<string> Errors) Parse(params string?[] kinds) =>
        AlertFilterParser.Parse(new Dictionary<string, IReadOnlyList<string?>> { ["kind"] = kinds }, TestCatalog.Create());

    [Theory]
    [InlineData("trend")]
    [InlineData("peer")]
    [InlineData("importance")]
    [InlineData("expectation")]
    [InlineData("watermelon")]
    [InlineData("divergence")]
    [InlineData("complaints")]
    [InlineData("social")]
    [InlineData("internal")]
    [InlineData("group")]
    [InlineData("journey")]
    public void Every_factor_kind_and_journey_is_a_filter(string kind)
    {
        var (filter, errors) = Parse(kind);

        Assert.Empty(errors);
        Assert.Equal(new AlertFilter(Kind: kind), filter);
    }

    [Fact]
    public void The_names_are_those_of_the_factors_json_kind()
    {
        Factor[] oneOfEach =
        [
            new TrendFactor(-0.1, -3, 4, 3, 20, 12), new PeerFactor(2.8, 4.3, -7.5, 5), new ImportanceFactor(0.4, 1, 6),
            new ExpectationFactor(4, 3.5, 4.5, 3, 20), Watermelon, Divergence, new ComplaintsFactor("r", "R", true),
            new SocialFactor(null, 8, 30, 1, 2, 16, 900, 8, 1e-6, null), new InternalFactor("waiting-time", null),
            new GroupFactor(GroupFactor.RegionScope, TestAlerts.T0, 3, [], [], []),
            new ChannelFactor(ChannelDimension.Channel, "app", "nps", 10, 40, 50, 90, 40, 5, 24, []),
            new IncidentsFactor("delivery-delay", "Delivery delay", true, ["delivery"]),
        ];
        Assert.Equal(Enum.GetValues<FactorKind>().Order(), oneOfEach.Select(f => f.Kind).Order());
        foreach (var factor in oneOfEach)
        {
            var json = JsonSerializer.SerializeToElement(factor, ContractJson.Options);
            Assert.Equal(json.GetProperty("kind").GetString(), AlertKinds.NameOf(factor.Kind));
        }
    }

    [Theory]
    [InlineData("Watermelon")]
    [InlineData("journeys")]
    [InlineData("account")]
    [InlineData("watermelon,divergence")]
    public void An_unknown_kind_is_an_error_naming_the_parameter_and_the_known_kinds(string kind)
    {
        var (filter, errors) = Parse(kind);

        Assert.Null(filter);
        var error = Assert.Single(errors);
        Assert.StartsWith($"kind: unknown kind '{kind}' (known: trend, peer, ", error, StringComparison.Ordinal);
        Assert.EndsWith("group, channel, incidents, journey)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hostile_kind_is_echoed_short_and_without_control_characters()
    {
        var error = Assert.Single(Parse("\ud800\u0000\n\r\u001b[31m<script>" + new string('x', 10_000)).Errors);

        Assert.Contains("kind: unknown kind '?????[31m<script>xxx", error, StringComparison.Ordinal);
        Assert.True(error.Length < 250);
        Assert.DoesNotContain(error, char.IsControl);
        Assert.DoesNotContain(error, char.IsSurrogate);
    }

    [Fact]
    public void A_kind_given_twice_is_an_error_and_an_empty_kind_is_no_filter()
    {
        Assert.Contains("kind: give it at most once", Assert.Single(Parse("watermelon", "divergence").Errors), StringComparison.Ordinal);
        Assert.Equal(AlertFilter.All, Parse(" ").Filter);
    }

    [Fact]
    public void An_alert_matches_a_kind_when_one_of_its_factors_is_of_it()
    {
        var peerAndTrend = TestAlerts.Make(factors: [new PeerFactor(2.8, 4.3, -7.5, 5), new TrendFactor(-0.1, -3, 4, 3, 20, 12)]);
        var watermelon = TestAlerts.Make(attributeId: "journey", factors: [Watermelon]);
        var divergence = TestAlerts.Make(attributeId: "account", factors: [Divergence]);

        Assert.True(new AlertFilter(Kind: "trend").Matches(peerAndTrend));
        Assert.True(new AlertFilter(Kind: "peer").Matches(peerAndTrend));
        Assert.False(new AlertFilter(Kind: "watermelon").Matches(peerAndTrend));
        Assert.False(new AlertFilter(Kind: "journey").Matches(peerAndTrend));
        Assert.True(new AlertFilter(Kind: "watermelon").Matches(watermelon));
        Assert.False(new AlertFilter(Kind: "watermelon").Matches(divergence));
        Assert.True(new AlertFilter(Kind: "journey").Matches(watermelon));
        Assert.True(new AlertFilter(Kind: "journey").Matches(divergence));
        Assert.False(new AlertFilter(Kind: "journey", RegionId: "paris").Matches(watermelon));
    }

    [Fact]
    public void The_live_events_about_an_alert_carry_its_factor_kinds_for_the_stream_filter()
    {
        var alert = TestAlerts.Make(attributeId: "journey", factors: [Watermelon]);

        var e = LiveEvent.About(alert, 7, LiveEventTypes.Acknowledged, "{}");

        Assert.Equal([FactorKind.Watermelon], e.FactorKinds);
        Assert.True(e.Matches(new AlertFilter(Kind: "journey")));
        Assert.False(e.Matches(new AlertFilter(Kind: "peer")));
        Assert.True(e.Matches(AlertFilter.All));
    }

    [Fact]
    public void The_open_alerts_of_the_store_are_filtered_by_kind()
    {
        var store = new AlertStore(100, 10);
        store.Record(TestAlerts.Make(alertId: "alr-peer"));
        store.Record(TestAlerts.Make(alertId: "alr-journey", attributeId: "journey", factors: [Watermelon]));
        store.Record(TestAlerts.Make(alertId: "alr-account", attributeId: "account", factors: [Divergence]));

        Assert.Equal(["alr-account", "alr-journey"], store.Open(new AlertFilter(Kind: "journey")).Select(r => r.Alert.AlertId).Order());
        Assert.Equal(["alr-peer"], store.Open(new AlertFilter(Kind: "peer")).Select(r => r.Alert.AlertId));
    }
}
