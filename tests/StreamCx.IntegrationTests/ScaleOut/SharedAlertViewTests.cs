using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using StreamCx.IntegrationTests.Infrastructure;
using EngineProcess = StreamCx.IntegrationTests.Observability.EngineProcess;
using StreamCx.IntegrationTests.Live;
using StreamCx.IntegrationTests.Observability;
using StreamCx.Kafka;
using Xunit.Abstractions;

namespace StreamCx.IntegrationTests.ScaleOut;

/// <summary>
/// Two real engine processes on one PostgreSQL state store: engine 1 consumes the feedback and raises a peer alert,
/// engine 2 consumes nothing of it. Both show the same alert under the same event ids, an acknowledgement made on one
/// is seen on the other within seconds and after a restart, and an SSE client resumes on the other engine.
/// </summary>
public sealed class SharedAlertViewTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Ceiling = TimeSpan.FromSeconds(60);
    private readonly string _directory = Directory.CreateTempSubdirectory("streamcx-view-").FullName;
    private readonly string _database = PostgresServer.Shared.NewDatabase();
    private readonly KnownFeedback _feedback = new(DateTimeOffset.UtcNow);
    private readonly string _topic = $"view-feedback-{Guid.NewGuid():N}";
    private EmbeddedKafkaCluster _cluster = null!;
    private (EngineProcess Process, HttpClient Http) _one;
    private (EngineProcess Process, HttpClient Http) _two;

    public async Task InitializeAsync()
    {
        _cluster = new EmbeddedKafkaCluster();
        await File.WriteAllTextAsync(Path.Combine(_directory, "sites.json"), KnownFeedback.SitesJson());
        await File.WriteAllTextAsync(Path.Combine(_directory, "attributes.json"), KnownFeedback.AttributesJson());
        _cluster.EnsureTopics([_topic, _topic + "-other"]);
        _one = await StartAsync(_topic);
        _two = await StartAsync(_topic + "-other");
    }

    private async Task<(EngineProcess, HttpClient)> StartAsync(string topic)
    {
        var port = EngineProcess.FreePort();
        var http = EngineProcess.Client(port);
        var engine = EngineProcess.Start(
        [
            $"Kafka:BootstrapServers={_cluster.BootstrapServers}",
            $"Kafka:Topics:0={topic}",
            $"Kafka:GroupId=view-{topic}",
            "Kafka:Properties:fetch.wait.max.ms=10",
            $"Urls=http://127.0.0.1:{port}",
            "Snapshots:Provider=postgresql",
            $"Snapshots:ConnectionString={_database}",
        ], "--sites", Path.Combine(_directory, "sites.json"), "--attributes", Path.Combine(_directory, "attributes.json"));
        await engine.WaitForHttpAsync(http, $"{http.BaseAddress}health/live", TimeSpan.FromSeconds(90));
        return (engine, http);
    }

    public async Task DisposeAsync()
    {
        foreach (var (process, http) in new[] { _one, _two })
        {
            http?.Dispose();
            if (process is not null) await process.DisposeAsync();
        }
        _cluster?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private void Produce()
    {
        using var producer = new ProducerBuilder<string?, byte[]>(KafkaClientConfigFactory.CreateProducerConfig(
            new KafkaSettings().WithBootstrapServers(_cluster.BootstrapServers))).Build();
        foreach (var (key, value) in _feedback.Messages) producer.Produce(_topic, new Message<string?, byte[]> { Key = key, Value = value });
        Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
    }

    private static async Task<JsonElement> RecordAsync(HttpClient http, string alertId) =>
        await http.GetFromJsonAsync<JsonElement>($"/api/alerts/{alertId}");

    private static async Task<JsonElement> WaitForAsync(HttpClient http, string alertId, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow + Ceiling;
        while (true)
        {
            using var response = await http.GetAsync(new Uri($"/api/alerts/{alertId}", UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var record = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (done(record)) return record;
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"alert {alertId} did not reach the expected state on {http.BaseAddress}");
            await Task.Delay(100);
        }
    }

    private static Task<HttpResponseMessage> ActAsync(HttpClient http, string alertId, string action, string by) =>
        http.PostAsync(new Uri($"/api/alerts/{alertId}/{action}", UriKind.Relative), new StringContent(JsonSerializer.Serialize(new { by }), Encoding.UTF8, "application/json"));

    private static Task<SseClient> StreamAsync(HttpClient http, long lastEventId) =>
        SseClient.ConnectAsync(http.BaseAddress!, EngineProcess.Token, lastEventId: lastEventId.ToString(CultureInfo.InvariantCulture));

    [Fact]
    public async Task Every_engine_shows_the_alerts_and_actions_of_the_group_under_the_same_ids_and_keeps_them_across_a_restart()
    {
        Produce();
        var raised = await LiveApi.WaitForOpenAlertAsync(_one.Http, "s0", KnownFeedback.Attribute, Ceiling);
        var alertId = LiveApi.AlertId(raised);

        // engine 2 consumed none of it, and shows it
        var seen = await WaitForAsync(_two.Http, alertId, _ => true);
        Assert.Equal(raised.GetProperty("alert").GetRawText(), seen.GetProperty("alert").GetRawText());
        var position = (await LiveApi.GetAsync(_one.Http, "/api/alerts")).GetProperty("position").GetInt64();

        // an acknowledgement on engine 1 reaches engine 2's stream, under the id engine 1's stream gives it
        await using var onOne = await StreamAsync(_one.Http, position);
        await using var onTwo = await StreamAsync(_two.Http, position);
        var acked = System.Diagnostics.Stopwatch.StartNew();
        using (var ack = await ActAsync(_one.Http, alertId, "ack", "Léa")) Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var answered = acked.Elapsed;
        var ackOnOne = await onOne.NextAsync(Ceiling, "acknowledged");
        var ackOnTwo = await onTwo.NextAsync(Ceiling, "acknowledged");
        output.WriteLine($"acknowledgement: answered by engine 1 after {answered.TotalMilliseconds:0} ms, on engine 2's stream after {acked.Elapsed.TotalMilliseconds:0} ms (for information; not a bound)");
        Assert.Equal(ackOnOne.EventId, ackOnTwo.EventId);
        Assert.Equal(ackOnOne.Data, ackOnTwo.Data);
        Assert.Equal("Léa", (await WaitForAsync(_two.Http, alertId, r => r.TryGetProperty("acknowledgement", out var a) && a.ValueKind == JsonValueKind.Object))
            .GetProperty("acknowledgement").GetProperty("by").GetString());

        // a client of engine 1 that reconnects to engine 2 with its Last-Event-ID misses nothing
        await using (var resumed = await StreamAsync(_two.Http, position))
        {
            var replayed = await resumed.NextAsync(Ceiling, "acknowledged", "reset");
            Assert.Equal("acknowledged", replayed.EventType);
            Assert.Equal(ackOnOne.EventId, replayed.EventId);
        }

        // engine 2 restarts: the acknowledgement is still there; a hand-resolve on it closes the alert on engine 1
        await _two.Process.DisposeAsync();
        _two.Http.Dispose();
        _two = await StartAsync(_topic + "-other");
        var restored = await WaitForAsync(_two.Http, alertId, r => r.TryGetProperty("acknowledgement", out var a) && a.ValueKind == JsonValueKind.Object);
        Assert.Equal("Léa", restored.GetProperty("acknowledgement").GetProperty("by").GetString());
        using (var resolve = await ActAsync(_two.Http, alertId, "resolve", "Noé")) Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);
        var closed = await WaitForAsync(_one.Http, alertId, r => !r.GetProperty("open").GetBoolean());
        Assert.Equal("Noé", closed.GetProperty("resolvedByHand").GetProperty("by").GetString());
        using (var again = await ActAsync(_one.Http, alertId, "resolve", "Zoé")) Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }
}
