using System.Text.Json;
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
