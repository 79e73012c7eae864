using System.Net;
using System.Text.Json.Nodes;
using StreamCx.IntegrationTests.Infrastructure;

namespace StreamCx.IntegrationTests.Kafka;

[Collection(RealKafkaCollection.Name)]
public sealed class UnreachableAtStartTests(RealKafkaFixture kafka)
{
    [Fact]
    public async Task An_engine_started_while_the_broker_is_down_says_so_reports_not_ready_and_consumes_once_it_is_up()
    {
        var topic = RealKafkaFixture.UniqueName("feedback.phone");
        await kafka.EnsureTopicsAsync(topic);
        var events = new FeedbackEvents(topic);
        await Kcat.ProduceAsync(kafka.BootstrapServers, topic, events.Next(300, "phone"));

        await kafka.StopBrokerAsync();
        EngineProcess? engine = null;
        try
        {
            engine = EngineProcess.Start("engine", kafka.EngineArguments(
                RealKafkaFixture.UniqueName("group"), RealKafkaFixture.UniqueName("alerts"), RealKafkaFixture.UniqueName("dlq"), topic));
            var message = await engine.WaitForLineAsync(
                l => l.Contains("Kafka is unreachable at " + kafka.BootstrapServers, StringComparison.Ordinal), TimeSpan.FromSeconds(60), "that Kafka is unreachable");
            Assert.Contains("is not ready", message, StringComparison.Ordinal);
            Assert.Contains("reconnects as soon as a broker answers", message, StringComparison.Ordinal);

            Assert.Equal(HttpStatusCode.OK, (await engine.Http.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
            using (var ready = await engine.Http.GetAsync(new Uri("/health/ready", UriKind.Relative)))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
                var body = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
                Assert.Equal("unhealthy", body["status"]!.GetValue<string>());
                var kafkaCheck = body["checks"]!["kafka"]!;
                Assert.Equal("unhealthy", kafkaCheck["status"]!.GetValue<string>());
                Assert.Equal("Disconnected", kafkaCheck["data"]!["state"]!.GetValue<string>());
                Assert.Contains("Connection refused", kafkaCheck["data"]!["lastError"]!.GetValue<string>(), StringComparison.Ordinal);
                Assert.NotNull(kafkaCheck["data"]!["unreachableSince"]);
            }

            await Task.Delay(TimeSpan.FromSeconds(5));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, await engine.ReadyStatusAsync());
            Assert.Equal(0, await engine.AppliedAsync());
            Assert.False(engine.HasExited);
        }
        finally
        {
            await kafka.StartBrokerAsync();
        }

        await using (engine)
        {
            // a consumer group that never joined before the outage joins once the restarted broker loads its group
            // coordinator; on a loaded machine that has taken longer than a minute (the readiness body says why)
            await engine.WaitUntilReadyAsync(TimeSpan.FromSeconds(150));
            await Poll.UntilAsync(async () => await engine.AppliedAsync() >= 300, TimeSpan.FromSeconds(60), () => "the 300 waiting events applied\n" + engine.Tail());
            await Counts.AssertEqualAsync(events, engine);
        }
    }
}
