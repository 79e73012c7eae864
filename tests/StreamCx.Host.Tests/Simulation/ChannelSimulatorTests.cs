using System.Text.Json;
using StreamCx.Domain.Channels;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.ReferenceData;
using StreamCx.Host.Simulation;

namespace StreamCx.Host.Tests.Simulation;

/// <summary>The demo's verbatims agree with the ratings they come with.</summary>
public sealed class ChannelSimulatorTests
{
    private static readonly AttributeDefinition[] Attributes =
    [
        new("waiting-time", "Waiting time", 1, 5, 2), new("product-availability", "Product availability", 1, 5, 2),
        new("cleanliness", "Cleanliness", 0, 10, 4), new("app-usability", "App usability", 0, 10, 4),
    ];

    private static readonly Dictionary<string, string[]> Words = new(StringComparer.Ordinal)
    {
        ["waiting-time"] = ["wait", "queue", "Attente", "queue"],
        ["product-availability"] = ["stock"],
        ["cleanliness"] = ["dirty", "sale"],
        ["app-usability"] = ["app", "application"],
    };

    [Fact]
    public void A_complaint_names_an_attribute_rated_dissatisfied_and_praise_comes_with_good_ratings_only()
    {
        var catalog = new ReferenceCatalog([new Site("s0", "Site 0", "north"), new Site("s1", "Site 1", "south")], Attributes);
        var simulator = new ChannelSimulator(catalog, 3, DateTimeOffset.UnixEpoch);
        int complaints = 0, praise = 0;
        for (var i = 0; i < 3000; i++)
        {
            using var doc = JsonDocument.Parse(simulator.Next(catalog.Sites[i % 2], DateTimeOffset.UnixEpoch.AddHours(i)));
            if (!doc.RootElement.TryGetProperty("comment", out var c)) continue;
            var comment = c.GetString()!;
            var ratings = doc.RootElement.GetProperty("ratings").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
            var named = Words.Where(w => ratings.ContainsKey(w.Key) && w.Value.Any(word => comment.Contains(word, StringComparison.OrdinalIgnoreCase))).Select(w => w.Key).ToList();
            if (comment is "Great service, thank you!" or "Super service, merci !" or "Quick and easy, as always." or "Rapide et simple, comme toujours." or "Nothing to complain about, perfect." or "Rien à redire, parfait.")
            {
                praise++;
                Assert.All(ratings, r => Assert.False(catalog.Attribute(r.Key).IsDissatisfied(r.Value), $"praise '{comment}' with {r.Key}={r.Value}"));
            }
            else if (named.Count > 0)
            {
                complaints++;
                Assert.Contains(named, a => catalog.Attribute(a).IsDissatisfied(ratings[a]));
            }
        }
        Assert.True(complaints > 20 && praise > 20, $"{complaints} complaints, {praise} praise");
    }
}

/// <summary>The demo's scripted channel gap shows as a <c>channel</c> alert, at its site and channel only.</summary>
public sealed class ChannelSimulatorGapTests
{
    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    public void The_demo_s_worse_app_channel_opens_a_channel_alert_at_its_site_within_its_first_day_and_nowhere_else(int seed)
    {
        var catalog = SimulatedListening.Catalog;
        var from = SimulatedListening.From;
        var simulator = new ChannelSimulator(catalog, seed, SimulatedListening.IrritantStart);
        var parser = new FeedbackParser(catalog, new ParserLimits(), TimeProvider.System);
        var channels = new ChannelProcessor(catalog, new ChannelSettings(), TimeProvider.System);
        var alerts = new List<Alert>();
        var interval = TimeSpan.FromHours(1 / (30.0 * catalog.Sites.Count)); // the demo's default: 30 responses a site an hour
        var n = 0;
        for (var at = from; at < from.AddHours(24); at += interval)
        {
            var e = (FeedbackEvent)parser.Parse(simulator.Next(catalog.Sites[n++ % catalog.Sites.Count], at)).Event!;
            alerts.AddRange(channels.Apply(e));
        }

        var opened = alerts.Where(a => a.Status == AlertStatus.Open).Select(a => (a.SiteId, Factor: (ChannelFactor)a.Factors[0])).ToList();
        Assert.Contains(opened, o => o.SiteId == simulator.ChannelIrritant.SiteId && o.Factor is { Dimension: ChannelDimension.Channel, Value: ChannelSimulator.WorseChannel, IndicatorId: "nps" });
        Assert.All(opened, o => Assert.Equal((simulator.ChannelIrritant.SiteId, ChannelSimulator.WorseChannel), (o.SiteId, o.Factor.Value)));
    }
}
