using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Confluent.Kafka;

namespace StreamCx.IntegrationTests.Live;

/// <summary>
/// Causes real alerts the way channel systems would: feedback events produced to the engine's Kafka topic. The peer
/// scenario: six sites of one region with 32 responses each on one attribute, one a minute, the last site a point and a
/// half below the others and answering 16 minutes longer, produced once the rest is applied (a site is compared with
/// its peers as they stood at the start of its event's 15-minute bucket). Each scenario takes its own (region, attribute) pair, so tests do not disturb each other.
/// </summary>
public sealed class Scenarios : IDisposable
{
    private static readonly string[] Regions = ["north", "south", "east", "west", "paris"];
    private static readonly string[] Attributes =
        ["waiting-time", "staff-courtesy", "product-availability", "cleanliness", "delivery", "checkout-speed", "advice-quality", "price-perception", "ease-of-return", "app-usability"];

    private readonly IProducer<string, string> _producer;
    private readonly string _topic;
    private readonly HttpClient _http;
    private int _next = -1;
    private int _produced = -1;

    /// <summary>
    /// Where the scenarios' event time starts: each scenario takes the next 50 minutes, so every scenario comes after the
    /// ones before it in event time, as live feedback does (and never behind the engine's frontier of event time).
    /// </summary>
    private readonly DateTimeOffset _origin = DateTimeOffset.UtcNow.AddHours(-46);
    private IReadOnlyDictionary<string, string[]>? _sitesByRegion;

    public Scenarios(string bootstrapServers, string topic, HttpClient http)
    {
        _producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrapServers, LingerMs = 0 }).Build();
        _topic = topic;
        _http = http;
    }

    /// <summary>A region and attribute no other scenario of this run used (and that <paramref name="accept"/> accepts).</summary>
    public (string RegionId, string AttributeId) Take(Func<string, string, bool>? accept = null)
    {
        while (true)
        {
            var i = Interlocked.Increment(ref _next);
            if (i >= Regions.Length * Attributes.Length) throw new InvalidOperationException("no scenario left");
            var (region, attribute) = (Regions[i % Regions.Length], Attributes[i / Regions.Length]);
            if (accept is null || accept(region, attribute)) return (region, attribute);
        }
    }

    public async Task<IReadOnlyList<string>> SitesOfAsync(string regionId)
    {
        _sitesByRegion ??= (await _http.GetFromJsonAsync<JsonElement>("/api/catalog")).GetProperty("regions").EnumerateArray()
            .ToDictionary(r => r.GetProperty("regionId").GetString()!, r => r.GetProperty("sites").EnumerateArray().Select(s => s.GetProperty("siteId").GetString()!).ToArray());
        return _sitesByRegion[regionId];
    }

    /// <summary>
    /// Produces the peer scenario, waits until all of it is applied, and returns the site that must be alerted. Its comments are the given verbatims
    /// (for the low ratings) so that they appear in the alert.
    /// </summary>
    public async Task<string> ProducePeerScenarioAsync(string regionId, string attributeId, params string[] verbatims)
    {
        var sites = (await SitesOfAsync(regionId)).Take(6).ToArray();
        var target = sites[^1];
        var start = NextSlot();
        var together = new List<(string Key, string Value)>();
        var after = new List<(string Key, string Value)>();
        for (var i = 0; i < 48; i++)
        {
            foreach (var site in sites)
            {
                var low = site == target;
                if (!low && i >= 32) continue; // the target answers on, into a bucket whose view of its peers holds their 32
                var rating = low ? (i % 4 == 0 ? 2 : 3) : (i % 3 == 0 ? 5 : 4);
                var e = new JsonObject
                {
                    ["eventId"] = $"it-{Guid.NewGuid():N}",
                    ["occurredAt"] = start.AddSeconds(i * 60).ToString("O"),
                    ["siteId"] = site,
                    ["channel"] = "web",
                    ["ratings"] = new JsonObject { [attributeId] = rating },
                };
                if (low && verbatims.Length > 0 && rating == 2) e["comment"] = verbatims[i / 4 % verbatims.Length];
                (i < 32 ? together : after).Add((site, e.ToJsonString()));
            }
        }
        // as live feedback comes: the first 32 minutes of all six sites, then (once applied) the target's last 16
        await ProduceAsync(together);
        await WaitForCountsAsync(sites, attributeId, 32);
        await ProduceAsync(after);
        await WaitForCountsAsync([target], attributeId, 48);
        return target;
    }

    /// <summary>The start of the next 50 minutes of event time, for a scenario of its own (after every scenario before it).</summary>
    public DateTimeOffset NextSlot()
    {
        var start = _origin.AddMinutes(50 * Interlocked.Increment(ref _produced));
        if (start.AddMinutes(48) > DateTimeOffset.UtcNow) throw new InvalidOperationException("the scenarios' event time reached the present");
        return start;
    }

    /// <summary>Waits until every site has <paramref name="count"/> responses on the attribute applied.</summary>
    private async Task WaitForCountsAsync(IEnumerable<string> sites, string attributeId, long count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        foreach (var site in sites)
        {
            while (true)
            {
                var scores = await _http.GetFromJsonAsync<JsonElement>($"/api/sites/{site}/scores");
                if (scores.GetProperty("attributes").TryGetProperty(attributeId, out var a) && a.GetProperty("count").GetInt64() >= count) break;
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"{site} did not get its {count} responses on {attributeId} applied: {scores}");
                await Task.Delay(100);
            }
        }
    }

    public async Task ProduceAsync(IEnumerable<(string Key, string Value)> messages)
    {
        foreach (var (key, value) in messages)
            _producer.Produce(_topic, new Message<string, string> { Key = key, Value = value });
        await Task.Run(() => _producer.Flush(TimeSpan.FromSeconds(30)));
    }

    public void Dispose() => _producer.Dispose();
}
