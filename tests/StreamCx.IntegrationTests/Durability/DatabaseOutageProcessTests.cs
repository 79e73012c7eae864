using System.Net;
using System.Text.Json.Nodes;
using StreamCx.IntegrationTests.Infrastructure;
using StreamCx.IntegrationTests.Kafka;

namespace StreamCx.IntegrationTests.Durability;

/// <summary>
/// The real engine process on the real broker, its PostgreSQL stopped for 30 s while events flow: it keeps
/// processing, counts the failed snapshots, reports not-ready, catches up when the database is back, and a SIGKILL
/// right after still loses nothing.
/// </summary>
[Collection(RealKafkaCollection.Name)]
public sealed class DatabaseOutageProcessTests(RealKafkaFixture kafka) : IDisposable
{
    private readonly PostgresServer _database = new();

    public void Dispose() => _database.Dispose();

    private static async Task<JsonObject> Snapshots(EngineProcess engine) => (await engine.StatusAsync())["snapshots"]!.AsObject();

    [Fact]
    public async Task PostgreSQL_stopped_for_30_seconds_while_events_flow_loses_nothing()
    {
        var topic = RealKafkaFixture.UniqueName("feedback.dbdown");
        await kafka.EnsureTopicsAsync(topic);
        var events = new FeedbackEvents(topic);
        var arguments = kafka.EngineArguments(RealKafkaFixture.UniqueName("group"), RealKafkaFixture.UniqueName("alerts"), RealKafkaFixture.UniqueName("dlq"), topic)
            .Concat(["--set", "Snapshots:Provider=postgresql", "--set", $"Snapshots:ConnectionString={_database.NewDatabase()}", "--set", "Snapshots:EveryInterval=00:00:01"])
            .ToArray();
        var engine = EngineProcess.Start("engine", arguments);
        await engine.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));

        var producer = new PacedProducer();
        var production = producer.RunAsync(kafka, topic, events.Next(4000, "store", span: TimeSpan.FromMinutes(30)), perSecond: 80); // ~50 s
        await Poll.UntilAsync(async () => (await Snapshots(engine))["saved"]!.GetValue<long>() > 0, TimeSpan.FromSeconds(60), () => "a first snapshot\n" + engine.Tail());

        _database.Stop();
        var appliedAtStop = await engine.AppliedAsync();
        await Poll.UntilAsync(async () => (await Snapshots(engine))["failed"]!.GetValue<long>() > 0, TimeSpan.FromSeconds(40), () => "a failed snapshot\n" + engine.Tail());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await engine.ReadyStatusAsync());
        await Task.Delay(TimeSpan.FromSeconds(25));
        Assert.False(engine.HasExited, "the engine keeps running\n" + engine.Tail());
        Assert.True(await engine.AppliedAsync() > appliedAtStop, "the engine keeps processing while the database is down");

        _database.Start();
        var savedAtRestart = (await Snapshots(engine))["saved"]!.GetValue<long>();
        await Poll.UntilAsync(async () => (await Snapshots(engine))["saved"]!.GetValue<long>() > savedAtRestart, TimeSpan.FromSeconds(60), () => "snapshots again\n" + engine.Tail());
        await engine.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
        await engine.DisposeAsync(); // SIGKILL right after the outage

        await production.WaitAsync(TimeSpan.FromMinutes(3));
        Assert.Equal(0, producer.Failed);
        await using var next = EngineProcess.Start("engine after the crash", arguments);
        await next.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        await Poll.UntilAsync(async () => (await Counts.ReportedAsync(FeedbackEvents.Sites, next)).Values.Sum() >= events.Expected.Values.Sum(),
            TimeSpan.FromSeconds(120), () => "everything counted\n" + next.Tail());
        await Markers.ProduceAndAwaitAsync(kafka.BootstrapServers, events, "store", [topic], TimeSpan.FromSeconds(60), next); // nothing more may arrive
        await Counts.AssertEqualAsync(events, next);
    }
}
