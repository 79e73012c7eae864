using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace StreamCx.IntegrationTests.Observability;

/// <summary>The engine's health and metrics endpoints as configured, without a reachable broker.</summary>
public class EngineStartupTests
{
    /// <summary>A port nothing listens on: the broker is unreachable.</summary>
    private static string UnreachableBroker() => $"127.0.0.1:{EngineProcess.FreePort()}";

    [Fact]
    public async Task Readiness_stays_false_while_the_broker_is_unreachable_and_metrics_are_served_on_a_custom_path()
    {
        var port = EngineProcess.FreePort();
        using var http = EngineProcess.Client(port);
        await using var engine = EngineProcess.Start([$"Kafka:BootstrapServers={UnreachableBroker()}", $"Urls=http://127.0.0.1:{port}", "Metrics:Path=/internal/prometheus"]);
        await engine.WaitForHttpAsync(http, $"http://127.0.0.1:{port}/health/live", TimeSpan.FromSeconds(90));

        for (var i = 0; i < 12; i++)
        {
            using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            using var doc = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
            var kafka = doc.RootElement.GetProperty("checks").GetProperty("kafka");
            Assert.Equal("unhealthy", kafka.GetProperty("status").GetString());
            Assert.Equal(0, kafka.GetProperty("data").GetProperty("partitions").GetInt32());
            using var live = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            await Task.Delay(500);
        }

        var metrics = await http.GetStringAsync(new Uri("/internal/prometheus", UriKind.Relative));
        Assert.Contains("\nstreamcx_kafka_consumer_assigned_partitions 0\n", metrics, StringComparison.Ordinal);
        Assert.Contains("streamcx_events_consumed_total{", metrics, StringComparison.Ordinal);
        using var defaultPath = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, defaultPath.StatusCode);
    }

    [Fact]
    public async Task With_metrics_disabled_there_is_no_metrics_endpoint()
    {
        var port = EngineProcess.FreePort();
        using var http = EngineProcess.Client(port);
        await using var engine = EngineProcess.Start([$"Kafka:BootstrapServers={UnreachableBroker()}", $"Urls=http://127.0.0.1:{port}", "Metrics:Enabled=false"]);
        await engine.WaitForHttpAsync(http, $"http://127.0.0.1:{port}/health/live", TimeSpan.FromSeconds(90));
        using var metrics = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
        using var live = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task Akka_logs_reach_the_JSON_console_log_and_a_graceful_stop_exits_0()
    {
        var port = EngineProcess.FreePort();
        using var http = EngineProcess.Client(port);
        await using var engine = EngineProcess.Start([$"Kafka:BootstrapServers={UnreachableBroker()}", $"Urls=http://127.0.0.1:{port}",
            "Logging:Console:FormatterName=json", "Logging:LogLevel:Akka=Information"]);
        await engine.WaitForHttpAsync(http, $"http://127.0.0.1:{port}/health/live", TimeSpan.FromSeconds(90));
        engine.Terminate(); // SIGTERM: Akka's coordinated shutdown logs at INFO through Akka.Hosting's logger factory
        Assert.True(await engine.WaitForExitAsync(TimeSpan.FromSeconds(60)), "the engine did not stop on SIGTERM:\n" + engine.Tail());
        Assert.Equal(0, engine.ExitCode);
        var entries = engine.StandardOutput.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Contains(entries, e => e.GetProperty("Category").GetString()!.StartsWith("Akka.", StringComparison.Ordinal)
                                      && e.GetProperty("Message").GetString()!.Contains("CoordinatedShutdown", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_metrics_port_already_in_use_stops_the_start_with_a_message_naming_Metrics_Port()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var taken = ((IPEndPoint)squatter.LocalEndpoint).Port;
        await using var engine = EngineProcess.Start([$"Kafka:BootstrapServers={UnreachableBroker()}", $"Urls=http://127.0.0.1:{EngineProcess.FreePort()}", $"Metrics:Port={taken}"]);
        Assert.True(await engine.WaitForExitAsync(TimeSpan.FromSeconds(90)), "the engine kept running:\n" + engine.Tail());
        Assert.Equal(2, engine.ExitCode);
        Assert.Contains(engine.StandardError, l => l.Contains($"Metrics:Port {taken}", StringComparison.Ordinal));
    }
}
