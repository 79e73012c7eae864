using StreamCx.IntegrationTests.Infrastructure;

namespace StreamCx.IntegrationTests.Kafka;

[Collection(RealKafkaCollection.Name)]
public sealed class ChannelTopicsTests(RealKafkaFixture kafka)
{
    [Fact]
    public async Task Events_produced_with_kcat_to_two_channel_topics_are_all_consumed_and_counted_per_site_attribute()
    {
        var store = RealKafkaFixture.UniqueName("feedback.store");
        var web = RealKafkaFixture.UniqueName("feedback.web");
        await kafka.EnsureTopicsAsync(store, web);
        var events = new FeedbackEvents(store);
        await using var engine = EngineProcess.Start("engine", kafka.EngineArguments(
            RealKafkaFixture.UniqueName("group"), RealKafkaFixture.UniqueName("alerts"), RealKafkaFixture.UniqueName("dlq"), store, web));
        await engine.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));

        await Kcat.ProduceAsync(kafka.BootstrapServers, store, events.Next(600, "store"));
        await Kcat.ProduceAsync(kafka.BootstrapServers, web, events.Next(400, "web"));

        await Poll.UntilAsync(async () => await engine.AppliedAsync() >= 1000, TimeSpan.FromSeconds(60), () => "1000 events applied\n" + engine.Tail());
        await Markers.ProduceAndAwaitAsync(kafka.BootstrapServers, events, "store", [store, web], TimeSpan.FromSeconds(60), engine); // nothing more may arrive
        var status = await engine.StatusAsync();
        Assert.Equal(1000 + (2 * FeedbackEvents.Sites.Length), status["applied"]!.GetValue<long>());
        Assert.Equal(0, status["duplicates"]!.GetValue<long>());
        Assert.Equal(0, status["rejected"]!.GetValue<long>());
        var partitions = await engine.AssignedPartitionsAsync();
        Assert.Equal(8, partitions.Count);
        Assert.Equal(4, partitions.Count(p => p.StartsWith(store + "[", StringComparison.Ordinal)));
        await Counts.AssertEqualAsync(events, engine);
    }
}
