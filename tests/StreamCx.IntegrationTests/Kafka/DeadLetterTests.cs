using System.Text;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using StreamCx.IntegrationTests.Infrastructure;

namespace StreamCx.IntegrationTests.Kafka;

[Collection(RealKafkaCollection.Name)]
public sealed class DeadLetterTests(RealKafkaFixture kafka)
{
    private const string Site = "store-lille-centre";

    [Fact]
    public async Task Garbage_lands_in_the_dead_letter_topic_with_its_reason_and_the_valid_events_around_it_are_counted()
    {
        var topic = RealKafkaFixture.UniqueName("feedback.email");
        var deadLetters = RealKafkaFixture.UniqueName("dlq");
        await kafka.EnsureTopicsAsync(topic);
        var events = new FeedbackEvents(topic);
        await using var engine = EngineProcess.Start("engine", kafka.EngineArguments(
            RealKafkaFixture.UniqueName("group"), RealKafkaFixture.UniqueName("alerts"), deadLetters, topic));
        await engine.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));

        // All on one key, hence one partition, in this order; kcat for text, Confluent.Kafka for bytes.
        var binary = new byte[] { 0xFF, 0xFE, 0x00, 0x81, 0x9F, 0xC3, 0x28, 0x0A, 0x7B };
        var truncated = events.Json(Site, "email", DateTimeOffset.UtcNow.AddMinutes(-1), new Dictionary<string, int> { ["waiting-time"] = 3 })[..40];
        var wrongTypes = """{"eventId":"wrong-types-1","occurredAt":"2026-01-01T10:00:00+01:00","siteId":"store-lille-centre","channel":"email","nps":"ten","ratings":{"waiting-time":"good"}}""";
        var huge = Encoding.UTF8.GetBytes(events.Json(Site, "email", DateTimeOffset.UtcNow.AddMinutes(-1), new Dictionary<string, int> { ["waiting-time"] = 3 })
            .Replace("\"channel\"", $"\"comment\":\"{new string('x', 2_000_000)}\",\"channel\"", StringComparison.Ordinal));
        var sitesOne = new[] { Site };
        using (var producer = kafka.CreateProducer())
        {
            await Kcat.ProduceAsync(kafka.BootstrapServers, topic, events.Next(40, "email", sitesOne));
            await producer.ProduceAsync(topic, new Message<string?, byte[]> { Key = Site, Value = binary });
            await Kcat.ProduceAsync(kafka.BootstrapServers, topic, [.. events.Next(20, "email", sitesOne), (Site, truncated)]);
            await producer.ProduceAsync(topic, new Message<string?, byte[]> { Key = Site, Value = huge });
            await Kcat.ProduceAsync(kafka.BootstrapServers, topic, [(Site, wrongTypes), .. events.Next(40, "email", sitesOne)]);
        }

        await Poll.UntilAsync(async () => (await engine.StatusAsync())["deadLetters"]!["written"]!.GetValue<long>() >= 4, TimeSpan.FromSeconds(60), () => "4 dead letters\n" + engine.Tail());
        await Poll.UntilAsync(async () => await engine.AppliedAsync() >= 100, TimeSpan.FromSeconds(30), () => "the 100 valid events applied\n" + engine.Tail());
        var status = await engine.StatusAsync();
        Assert.Equal(100, status["applied"]!.GetValue<long>());
        Assert.Equal(4, status["rejected"]!.GetValue<long>());
        await Counts.AssertEqualAsync(events, engine);

        // The source records, to check each envelope's coordinates and bytes against.
        var source = kafka.ReadAll(topic).ToDictionary(r => (r.Partition.Value, r.Offset.Value), r => r.Message.Value);
        var envelopes = (await Kcat.ReadAllAsync(kafka.BootstrapServers, deadLetters)).Select(m => (m.Key, Json: JsonNode.Parse(m.Value)!)).ToList();
        Assert.Equal(4, envelopes.Count);
        var byReason = new Dictionary<string, byte[]>();
        foreach (var (key, envelope) in envelopes)
        {
            Assert.Equal(Site, key);
            Assert.Equal(topic, envelope["sourceTopic"]!.GetValue<string>());
            var original = source[(envelope["sourcePartition"]!.GetValue<int>(), envelope["sourceOffset"]!.GetValue<long>())];
            var carried = Convert.FromBase64String(envelope["originalBase64"]!.GetValue<string>());
            Assert.Equal(original.Length, envelope["originalSize"]!.GetValue<int>());
            Assert.Equal(envelope["originalTruncated"]!.GetValue<bool>() ? original[..carried.Length] : original, carried);
            Assert.False(string.IsNullOrWhiteSpace(envelope["reason"]!.GetValue<string>()));
            Assert.True(DateTimeOffset.UtcNow - envelope["rejectedAt"]!.GetValue<DateTimeOffset>() < TimeSpan.FromMinutes(5));
            byReason[envelope["reasonCode"]!.GetValue<string>()] = original;
        }

        Assert.Equal(binary, byReason["invalid-encoding"]);
        Assert.Equal(Encoding.UTF8.GetBytes(truncated), byReason["not-json"]);
        Assert.Equal(huge, byReason["oversized"]);
        Assert.Equal(Encoding.UTF8.GetBytes(wrongTypes), byReason["invalid-field"]);
        var oversized = envelopes.Single(e => e.Json["reasonCode"]!.GetValue<string>() == "oversized").Json;
        Assert.True(oversized["originalTruncated"]!.GetValue<bool>(), "a 2 MB original cannot fit a dead letter whole");
        Assert.Contains("bytes, the limit is", oversized["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
