using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Confluent.Kafka;
using StreamCx.Kafka;

namespace StreamCx.IntegrationTests.Observability;

/// <summary>
/// Started once for the collection: librdkafka's mock cluster (in this test process), the real engine process consuming
/// it with metrics on their own port and JSON logs, and a real Prometheus scraping the engine every second with the
/// repository's alert rules. The engine starts before its topic exists (readiness must be false), then the topic is
/// created (readiness must turn true) and <see cref="KnownFeedback"/> is produced and processed.
/// </summary>
public sealed class ObservedEngineFixture : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("streamcx-observed-").FullName;
    private EmbeddedKafkaCluster? _cluster;

    public EngineProcess Engine { get; private set; } = null!;

    public PrometheusServer Prometheus { get; private set; } = null!;

    public HttpClient Web { get; private set; } = null!;

    public HttpClient MetricsEndpoint { get; private set; } = null!;

    public KnownFeedback Feedback { get; } = new(DateTimeOffset.UtcNow);

    public string Topic { get; } = $"obs-feedback-{Guid.NewGuid():N}";

    /// <summary>/health/ready answers while the feedback topic did not exist yet (broker reachable, nothing to assign).</summary>
    public List<(HttpStatusCode Status, string Body)> ReadinessWithoutTopic { get; } = [];

    /// <summary>The first 200 answer of /health/ready after the topic was created.</summary>
    public string ReadyBody { get; private set; } = "";

    /// <summary>/api/status once every message was processed and an alert was emitted.</summary>
    public JsonElement Status { get; private set; }

    public async Task InitializeAsync()
    {
        _cluster = new EmbeddedKafkaCluster();
        var sites = Path.Combine(_directory, "sites.json");
        var attributes = Path.Combine(_directory, "attributes.json");
        await File.WriteAllTextAsync(sites, KnownFeedback.SitesJson());
        await File.WriteAllTextAsync(attributes, KnownFeedback.AttributesJson());
        var webPort = EngineProcess.FreePort();
        var metricsPort = EngineProcess.FreePort();
        Web = EngineProcess.Client(webPort);
        MetricsEndpoint = EngineProcess.Client(metricsPort);
        Engine = EngineProcess.Start(
        [
            $"Kafka:BootstrapServers={_cluster.BootstrapServers}",
            $"Kafka:Topics:0={Topic}",
            $"Kafka:GroupId=obs-{Guid.NewGuid():N}",
            "Kafka:Properties:topic.metadata.refresh.interval.ms=1000",
            "Kafka:Properties:fetch.wait.max.ms=10",
            $"Urls=http://127.0.0.1:{webPort}",
            $"Metrics:Port={metricsPort}",
            "Metrics:KafkaStatisticsInterval=00:00:01",
            "Logging:Console:FormatterName=json",
            "Logging:LogLevel:Akka=Information",
        ], "--sites", sites, "--attributes", attributes);
        await Engine.WaitForHttpAsync(Web, $"{Web.BaseAddress}health/live", TimeSpan.FromSeconds(90));
        Prometheus = await PrometheusServer.StartAsync($"127.0.0.1:{metricsPort}", [RepoFiles.AlertRules]);

        for (var i = 0; i < 10; i++)
        {
            using var response = await Web.GetAsync(new Uri("/health/ready", UriKind.Relative));
            ReadinessWithoutTopic.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
            await Task.Delay(300);
        }

        _cluster.EnsureTopics([Topic]);
        ReadyBody = await WaitForReadyAsync(TimeSpan.FromSeconds(90));

        using (var producer = new ProducerBuilder<string?, byte[]>(KafkaClientConfigFactory.CreateProducerConfig(
                   new KafkaSettings().WithBootstrapServers(_cluster.BootstrapServers))).Build())
        {
            foreach (var (key, value) in Feedback.Messages)
                producer.Produce(Topic, new Message<string?, byte[]> { Key = key, Value = value });
            if (producer.Flush(TimeSpan.FromSeconds(30)) > 0) throw new InvalidOperationException("the known feedback was not all produced");
            await WaitForStatusAsync(s =>
                s.GetProperty("applied").GetInt64() + s.GetProperty("duplicates").GetInt64() + s.GetProperty("rejected").GetInt64() == Feedback.Messages.Count
                && s.GetProperty("eventTime").GetProperty("held").GetInt64() == 0, TimeSpan.FromSeconds(90));
            foreach (var (key, value) in Feedback.LateMessages)
                producer.Produce(Topic, new Message<string?, byte[]> { Key = key, Value = value });
            if (producer.Flush(TimeSpan.FromSeconds(30)) > 0) throw new InvalidOperationException("the late feedback was not all produced");
        }

        Status = await WaitForStatusAsync(s =>
            s.GetProperty("applied").GetInt64() + s.GetProperty("duplicates").GetInt64() + s.GetProperty("rejected").GetInt64() == Feedback.Count
            && s.GetProperty("alertsEmitted").GetInt64() > 0, TimeSpan.FromSeconds(90));
    }

    private async Task<string> WaitForReadyAsync(TimeSpan timeout)
    {
        var started = Stopwatch.StartNew();
        while (started.Elapsed < timeout)
        {
            using var response = await Web.GetAsync(new Uri("/health/ready", UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.OK) return await response.Content.ReadAsStringAsync();
            await Task.Delay(200);
        }
        throw new TimeoutException("the engine did not become ready after its topic was created:\n" + Engine.Tail());
    }

    private async Task<JsonElement> WaitForStatusAsync(Func<JsonElement, bool> done, TimeSpan timeout)
    {
        var started = Stopwatch.StartNew();
        JsonElement status;
        do
        {
            using var doc = JsonDocument.Parse(await Web.GetStringAsync(new Uri("/api/status", UriKind.Relative)));
            status = doc.RootElement.Clone();
            if (done(status)) return status;
            await Task.Delay(250);
        }
        while (started.Elapsed < timeout);
        throw new TimeoutException($"the known feedback was not processed: /api/status {status}\n{Engine.Tail()}");
    }

    public async Task DisposeAsync()
    {
        if (Prometheus is not null) await Prometheus.DisposeAsync();
        if (Engine is not null) await Engine.DisposeAsync();
        Web?.Dispose();
        MetricsEndpoint?.Dispose();
        _cluster?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class ObservedEngineCollection : ICollectionFixture<ObservedEngineFixture>
{
    public const string Name = "observed engine";
}
