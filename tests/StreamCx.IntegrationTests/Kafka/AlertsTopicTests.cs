using System.Text.Json.Nodes;
using StreamCx.IntegrationTests.Infrastructure;

namespace StreamCx.IntegrationTests.Kafka;

[Collection(RealKafkaCollection.Name)]
public sealed class AlertsTopicTests(RealKafkaFixture kafka)
{
    private const string Irritated = "store-lille-centre";

    [Fact]
    public async Task Alerts_appear_on_the_alerts_topic_keyed_by_site_and_readable_by_kcat()
    {
        var topic = RealKafkaFixture.UniqueName("feedback.survey");
        var alerts = RealKafkaFixture.UniqueName("alerts");
        await kafka.EnsureTopicsAsync(topic);
        await using var engine = EngineProcess.Start("engine", kafka.EngineArguments(
            RealKafkaFixture.UniqueName("group"), alerts, RealKafkaFixture.UniqueName("dlq"), topic));
        await engine.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));

        // The nine sites of region "north" over the last two hours: product availability is fine everywhere
        // but at Lille Centre, far below its peers (the peer factor).
        var events = new FeedbackEvents(topic, seed: 11);
        var random = new Random(3);
        string[] north =
        [
            Irritated, "store-lille-euralille", "store-roubaix-mcarthurglen", "store-valenciennes-place-d-armes", "store-arras-grand-place",
            "store-amiens-centre", "store-rouen-saint-sever", "store-le-havre-docks", "store-caen-mondeville",
        ];
        var now = DateTimeOffset.UtcNow;
        var messages = Enumerable.Range(0, 45)
            .SelectMany(i => north.Select(site => (Site: site, At: now.AddMinutes(-120 + (i * 2.6)).AddSeconds(random.Next(60)))))
            .OrderBy(e => e.At)
            .Select(e => (e.Site, events.Json(e.Site, "survey", e.At, new Dictionary<string, int>
            {
                ["product-availability"] = e.Site == Irritated ? 1 + random.Next(2) : 4 + random.Next(2),
            })))
            .ToList();
        await Kcat.ProduceAsync(kafka.BootstrapServers, topic, messages);

        var line = await engine.WaitForLineAsync(
            l => l.StartsWith("ALERT open", StringComparison.Ordinal) && l.Contains($" {Irritated}/product-availability ", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), "an alert for product availability at Lille Centre");
        var alertId = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2];
        await Poll.UntilAsync(async () => (await engine.StatusAsync())["alertsToKafka"]!["delivered"]!.GetValue<long>() >= 1, TimeSpan.FromSeconds(30), () => "the alert delivered to Kafka\n" + engine.Tail());

        var onTopic = await Kcat.ReadAllAsync(kafka.BootstrapServers, alerts);
        var (key, value) = Assert.Single(onTopic, m => JsonNode.Parse(m.Value)!["alertId"]!.GetValue<string>() == alertId && m.Value.Contains("\"status\":\"open\"", StringComparison.Ordinal));
        Assert.Equal(Irritated, key);
        var alert = JsonNode.Parse(value)!;
        Assert.Equal(Irritated, alert["siteId"]!.GetValue<string>());
        Assert.Equal("north", alert["regionId"]!.GetValue<string>());
        Assert.Equal("product-availability", alert["attributeId"]!.GetValue<string>());
        Assert.Equal(1, alert["sequence"]!.GetValue<int>());
        Assert.Contains(alert["factors"]!.AsArray(), f => f!["kind"]!.GetValue<string>() == "peer");
        Assert.False(string.IsNullOrWhiteSpace(alert["explanation"]!.GetValue<string>()));
        var status = await engine.StatusAsync();
        Assert.Equal(status["alertsEmitted"]!.GetValue<long>(), status["alertsToKafka"]!["delivered"]!.GetValue<long>() + status["alertsToKafka"]!["pending"]!.GetValue<long>());
        Assert.Equal(0, status["alertsToKafka"]!["undeliverable"]!.GetValue<long>());
    }
}
