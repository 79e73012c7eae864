using System.Net;
using System.Text.Json;
using StreamCx.IntegrationTests.Infrastructure;

namespace StreamCx.IntegrationTests.Observability;

/// <summary>/health/ready of the observed engine: false while it holds no partition, true once they are assigned.</summary>
[Collection(ObservedEngineCollection.Name)]
public class ReadinessTests(ObservedEngineFixture engine)
{
    private static JsonElement KafkaCheck(string body)
    {
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("checks").GetProperty("kafka").Clone();
    }

    [Fact]
    public void Readiness_is_false_while_the_broker_has_no_partition_to_assign()
    {
        Assert.Equal(10, engine.ReadinessWithoutTopic.Count);
        Assert.All(engine.ReadinessWithoutTopic, r =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, r.Status);
            Assert.Equal("unhealthy", KafkaCheck(r.Body).GetProperty("status").GetString());
            Assert.Equal(0, KafkaCheck(r.Body).GetProperty("data").GetProperty("partitions").GetInt32());
        });
    }

    [Fact]
    public async Task Readiness_is_true_once_the_partitions_are_assigned_and_liveness_stays_true()
    {
        var kafka = KafkaCheck(engine.ReadyBody);
        Assert.Equal("healthy", kafka.GetProperty("status").GetString());
        Assert.Equal(4, kafka.GetProperty("data").GetProperty("partitions").GetInt32());
        Assert.Equal("Connected", kafka.GetProperty("data").GetProperty("state").GetString());
        using var live = await engine.Web.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        using var ready = await engine.Web.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Readiness_shows_the_consumer_groups_state_from_librdkafkas_statistics()
    {
        // a report comes every second here (Metrics:KafkaStatisticsInterval); the group has been steady since the fixture started
        string? group = null;
        await Poll.UntilAsync(async () =>
        {
            using var ready = await engine.Web.GetAsync(new Uri("/health/ready", UriKind.Relative));
            group = KafkaCheck(await ready.Content.ReadAsStringAsync()).GetProperty("data").TryGetProperty("group", out var g) ? g.GetString() : null;
            return group == "up, steady";
        }, TimeSpan.FromSeconds(30), () => $"the group state \"up, steady\" in /health/ready (last: {group ?? "none"})");
    }
}
