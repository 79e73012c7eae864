using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Confluent.Kafka;

namespace StreamCx.Perf.LiveStream;

/// <summary>Real alerts from Kafka: six sites of a region, 32 responses each on one attribute, the last site well below.</summary>
public sealed class PeerScenarios(HttpClient http) : IDisposable
{
    private IProducer<string, string>? _producer;
    private string _topic = "feedback";
    private Dictionary<string, string[]> _sites = [];
    private string[] _attributes = [];
    private int _next = -1;

    public int Capacity => _sites.Count * _attributes.Length;

    public async Task InitializeAsync()
    {
        var status = await http.GetFromJsonAsync<JsonElement>("/api/status");
        var kafka = status.GetProperty("kafka");
        _topic = kafka.GetProperty("topics")[0].GetString()!;
        _producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = kafka.GetProperty("bootstrapServers").GetString(), LingerMs = 0 }).Build();
        var catalog = await http.GetFromJsonAsync<JsonElement>("/api/catalog");
        _sites = catalog.GetProperty("regions").EnumerateArray().ToDictionary(
            r => r.GetProperty("regionId").GetString()!, r => r.GetProperty("sites").EnumerateArray().Select(s => s.GetProperty("siteId").GetString()!).ToArray());
        _attributes = catalog.GetProperty("attributes").EnumerateArray().Select(a => a.GetProperty("attributeId").GetString()!).ToArray();
        _producer.Produce(_topic, new Message<string, string> { Key = "warm-up", Value = "not json: creates the topic" });
        _producer.Flush(TimeSpan.FromSeconds(10));
    }

    /// <summary>Produces the next unused scenario; returns the site that will be alerted.</summary>
    public string ProduceNext()
    {
        var i = Interlocked.Increment(ref _next);
        var regions = _sites.Keys.Order(StringComparer.Ordinal).ToArray();
        var region = regions[i % regions.Length];
        var attribute = _attributes[i / regions.Length];
        var sites = _sites[region].Take(6).ToArray();
        var now = DateTimeOffset.UtcNow;
        for (var n = 0; n < 32; n++)
        {
            foreach (var site in sites)
            {
                var rating = site == sites[^1] ? (n % 4 == 0 ? 2 : 3) : (n % 3 == 0 ? 5 : 4);
                var e = new JsonObject
                {
                    ["eventId"] = $"perf-{Guid.NewGuid():N}", ["occurredAt"] = now.AddMinutes(-40).AddSeconds(n * 60).ToString("O"),
                    ["siteId"] = site, ["channel"] = "web", ["ratings"] = new JsonObject { [attribute] = rating },
                    ["comment"] = "Attente interminable en caisse, personne pour renseigner.",
                };
                _producer!.Produce(_topic, new Message<string, string> { Key = site, Value = e.ToJsonString() });
            }
        }
        _producer!.Flush(TimeSpan.FromSeconds(30));
        return sites[^1];
    }

    public void Dispose() => _producer?.Dispose();
}
