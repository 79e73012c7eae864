using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Confluent.Kafka;

namespace StreamCx.IntegrationTests.Live;

/// <summary>
/// One real engine for the live-stream tests: <c>streamcx</c> on embedded defaults (in-process mock Kafka) with the
/// simulator off, a known token, a small per-client buffer and a quicker region publish interval; a Kafka producer on its embedded cluster (address read
/// from <c>/api/status</c>). Started once per test run.
/// </summary>
public sealed class LiveServerFixture : IAsyncLifetime
{
    public const int SubscriberBufferSize = 16;
    public const int MaxSubscribers = 40;

    /// <summary>This run's token (random per test run; theories read it as <see cref="TokenForTheory"/>).</summary>
    public static string TokenForTheory { get; } = "it-" + Guid.NewGuid().ToString("N");

    public string Token => TokenForTheory;

    public StreamcxProcess Server { get; private set; } = null!;

    /// <summary>HTTP client carrying the token.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>HTTP client without any token.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    public string BootstrapServers { get; private set; } = "";

    public Scenarios Scenarios { get; private set; } = null!;

    public Uri BaseAddress => Server.BaseAddress;

    public async Task InitializeAsync()
    {
        Server = StreamcxProcess.Start(
            "Simulator:Enabled=false",
            $"Web:Token={Token}",
            $"Web:SubscriberBufferSize={SubscriberBufferSize}",
            $"Web:MaxSubscribers={MaxSubscribers}",
            "Web:HeartbeatInterval=00:00:02");
        await Server.WaitForAsync("/health/live", TimeSpan.FromSeconds(60));
        Http = new HttpClient { BaseAddress = Server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        Anonymous = new HttpClient { BaseAddress = Server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var status = await Http.GetFromJsonAsync<JsonElement>("/api/status");
        BootstrapServers = status.GetProperty("kafka").GetProperty("bootstrapServers").GetString()!;
        var topic = status.GetProperty("kafka").GetProperty("topics")[0].GetString()!;
        Scenarios = new Scenarios(BootstrapServers, topic, Http);
        // the first message creates the topic; the consumer group is then assigned its partitions
        await Scenarios.ProduceAsync([("warm-up", "not json: creates the topic")]);
        await Server.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        Scenarios?.Dispose();
        Http?.Dispose();
        Anonymous?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class LiveServerCollection : ICollectionFixture<LiveServerFixture>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "live server";
}
