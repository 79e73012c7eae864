using System.Diagnostics;
using System.Net;
using StreamCx.IntegrationTests.Infrastructure;

namespace StreamCx.IntegrationTests.Kafka;

[Collection(RealKafkaCollection.Name)]
public sealed class BrokerOutageTests(RealKafkaFixture kafka)
{
    [Fact]
    public async Task The_broker_stopped_for_20_seconds_mid_stream_is_logged_survived_and_loses_nothing()
    {
        const int count = 3000;
        var topic = RealKafkaFixture.UniqueName("feedback.app");
        await kafka.EnsureTopicsAsync(topic);
        var events = new FeedbackEvents(topic);
        var messages = events.Next(count, "app", span: TimeSpan.FromMinutes(5));
        await using var engine = EngineProcess.Start("engine", kafka.EngineArguments(
            RealKafkaFixture.UniqueName("group"), RealKafkaFixture.UniqueName("alerts"), RealKafkaFixture.UniqueName("dlq"), topic));
        await engine.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));

        // ~40 s of production at 75 events/s; the broker goes down after ~5 s, mid-stream.
        var producer = new PacedProducer();
        var production = producer.RunAsync(kafka, topic, messages, perSecond: 75);
        await Poll.UntilAsync(async () => await engine.AppliedAsync() >= 300, TimeSpan.FromSeconds(60), () => "300 events applied before the outage\n" + engine.Tail());

        await kafka.StopBrokerAsync();
        var down = Stopwatch.StartNew();
        await engine.WaitForLineAsync(l => l.Contains("Kafka is unreachable at " + kafka.BootstrapServers, StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the outage");
        var appliedDuringOutage = await engine.AppliedAsync();
        Assert.True(appliedDuringOutage < count, "the outage must come mid-stream");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await engine.ReadyStatusAsync());
        var outageLeft = TimeSpan.FromSeconds(20) - down.Elapsed; // the outage lasts 20 s, or longer when noticing it took longer
        if (outageLeft > TimeSpan.Zero) await Task.Delay(outageLeft);
        Assert.False(engine.HasExited, "the engine must keep running through the outage\n" + engine.Tail());
        Assert.Equal(HttpStatusCode.OK, (await engine.Http.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);

        await kafka.StartBrokerAsync();
        await engine.WaitForLineAsync(l => l.Contains("Kafka is reachable again at " + kafka.BootstrapServers, StringComparison.Ordinal), TimeSpan.FromSeconds(60), "the reconnection");
        await production.WaitAsync(TimeSpan.FromMinutes(4));
        Assert.True(producer.Failed == 0 && producer.Delivered == count, $"the channel producer delivered {producer.Delivered} and failed {producer.Failed} ({producer.LastError})");

        await Poll.UntilAsync(async () => await engine.AppliedAsync() >= count, TimeSpan.FromSeconds(90), () => $"all {count} events applied after the outage\n" + engine.Tail());
        await engine.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
        await Markers.ProduceAndAwaitAsync(kafka.BootstrapServers, events, "app", [topic], TimeSpan.FromSeconds(60), engine); // nothing more may arrive
        Assert.Equal(count + FeedbackEvents.Sites.Length, await engine.AppliedAsync());
        await Counts.AssertEqualAsync(events, engine);
    }
}
