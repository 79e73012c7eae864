using StreamCx.Domain.Contracts;
using StreamCx.Domain.Incidents;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Domain.Tests.Incidents;

/// <summary>The correlation between incident types and attributes, measured per region on the data.</summary>
public sealed class IncidentCorrelationTests
{
    private static readonly DateTimeOffset Start = new(2026, 2, 2, 0, 0, 0, TimeSpan.Zero);

    private static readonly ReferenceCatalog Catalog = new(
        Enumerable.Range(0, 6).Select(i => new Site($"s{i}", $"Site {i}", "north")).Append(new Site("p0", "Paris", "paris")),
        [new AttributeDefinition("delivery", "Delivery", 1, 5, 2), new AttributeDefinition("cleanliness", "Cleanliness", 1, 5, 2)])
    {
        Listening = new ListeningCatalog([], [new IncidentType("delivery-delay", "Delivery delay", ["delivery"], "minutes late")], [], []),
    };

    /// <summary>28 days × 6 sites: on about a third of the days a site has delivery delays; <paramref name="linked"/>: its delivery ratings are then poor.</summary>
    private static IncidentCorrelation Measure(bool linked, int seed)
    {
        var rnd = new Random(seed);
        var correlation = new IncidentCorrelation(Catalog);
        var n = 0;
        for (var day = 0; day < 28; day++)
            for (var s = 0; s < 6; s++)
            {
                var at = Start.AddDays(day).AddHours(8);
                var incidents = rnd.NextDouble() < 0.33 ? rnd.Next(1, 4) : 0;
                for (var i = 0; i < incidents; i++) correlation.Observe(new Incident($"i{n++}", at.AddMinutes(i), "delivery-delay") { SiteId = $"s{s}", Magnitude = 60 });
                var poorShare = linked && incidents > 0 ? 0.45 : 0.1;
                for (var r = 0; r < 20; r++)
                {
                    var ratings = new Dictionary<string, double>
                    {
                        ["delivery"] = rnd.NextDouble() < poorShare ? 1 : 4,
                        ["cleanliness"] = rnd.NextDouble() < 0.1 ? 2 : 5,
                    };
                    correlation.Observe(new FeedbackEvent($"f{n++}", at.AddHours(1).AddMinutes(r), $"s{s}", "web", ratings));
                }
            }
        return correlation;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Delivery_delays_followed_by_poor_delivery_ratings_correlate_positively_and_only_with_delivery(int seed)
    {
        var measured = Measure(linked: true, seed).Of("north");

        var delivery = Assert.Single(measured, c => c.AttributeId == "delivery");
        Assert.True(delivery.Correlation > 0.5, $"{delivery}");
        Assert.True(delivery.Catalogued);
        Assert.Equal(28 * 6, delivery.SiteDays);
        Assert.InRange(Assert.Single(measured, c => c.AttributeId == "cleanliness").Correlation, -0.2, 0.2);
        Assert.Empty(Measure(linked: true, seed).Of("paris"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void On_independent_data_the_correlation_is_near_zero(int seed)
    {
        var delivery = Assert.Single(Measure(linked: false, seed).Of("north"), c => c.AttributeId == "delivery");

        Assert.InRange(delivery.Correlation, -0.2, 0.2);
    }
}
