using System.Text.RegularExpressions;
using StreamCx.IntegrationTests.Infrastructure;

namespace StreamCx.IntegrationTests.Kafka;

[Collection(RealKafkaCollection.Name)]
public sealed partial class ConsumerGroupTests(RealKafkaFixture kafka)
{
    [Fact]
    public async Task Two_engines_split_the_partitions_and_stopping_one_moves_them_to_the_other_with_no_loss_or_double_counting()
    {
        const int firstBatch = 1200;
        const int secondBatch = 20_000;
        var topic = RealKafkaFixture.UniqueName("feedback.web");
        var group = RealKafkaFixture.UniqueName("group");
        await kafka.EnsureTopicsAsync(topic);
        var events = new FeedbackEvents(topic);
        var arguments = kafka.EngineArguments(group, RealKafkaFixture.UniqueName("alerts"), RealKafkaFixture.UniqueName("dlq"), topic).ToList();
        await using var first = EngineProcess.Start("engine A", arguments);
        await first.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        await using var second = EngineProcess.Start("engine B", arguments);
        await Poll.UntilAsync(
            async () => (await first.AssignedPartitionsAsync()).Count == 2 && (await second.AssignedPartitionsAsync()).Count == 2,
            TimeSpan.FromSeconds(60),
            () => "the two engines to hold two partitions each\n" + first.Tail(20) + "\n" + second.Tail(20));
        Assert.Empty((await first.AssignedPartitionsAsync()).Intersect(await second.AssignedPartitionsAsync()));

        // Both consume their share of the feedback topic; each region is held, and its sites counted, by one engine.
        await Kcat.ProduceAsync(kafka.BootstrapServers, topic, events.Next(firstBatch, "web"));
        await Poll.UntilAsync(async () => await first.AppliedAsync() + await second.AppliedAsync() >= firstBatch, TimeSpan.FromSeconds(60), () => "the first batch applied");
        Assert.True(await ConsumedAsync(first) > 0 && await ConsumedAsync(second) > 0, "each engine must have consumed its share");
        Assert.Equal(firstBatch, await first.AppliedAsync() + await second.AppliedAsync()); // every event applied once, by its region's holder
        Assert.Empty((await RegionPartitionsAsync(first)).Intersect(await RegionPartitionsAsync(second)));
        await Counts.AssertEqualAsync(events, first, second);

        // Engine A is stopped while it works through a backlog: its partitions go to B, which resumes exactly
        // where A committed (A finishes and commits what it had in flight, and leaves what it had buffered).
        var producer = new PacedProducer();
        var production = producer.RunAsync(kafka, topic, events.Next(secondBatch, "web"), perSecond: 20_000);
        await Poll.UntilAsync(async () => await first.AppliedAsync() + await second.AppliedAsync() >= firstBatch + 100, TimeSpan.FromSeconds(30), () => "the second batch flowing");
        var before = (await first.StatusAsync()).ToJsonString();
        Assert.Equal(0, await first.TerminateAsync(TimeSpan.FromSeconds(60)));
        var stopped = await first.WaitForLineAsync(l => l.Contains("ingestion stopped: applied=", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "its final totals");
        var appliedByFirst = long.Parse(AppliedTotal().Match(stopped).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        foreach (var engine in new[] { first, second })
        {
            var failed = engine.Lines.FirstOrDefault(l => l.Contains("on revocation failed", StringComparison.Ordinal));
            Assert.True(failed is null, $"a commit on revocation failed:\n{failed}\n{engine.Tail(30)}\nA's status before it stopped: {before}\n{second.Tail(40)}");
        }
        Assert.Contains(first.Lines, l => l.Contains("Committed Kafka offsets", StringComparison.Ordinal));

        await production.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(producer.Failed == 0 && producer.Delivered == secondBatch, $"the channel producer delivered {producer.Delivered} and failed {producer.Failed} ({producer.LastError})");
        await Poll.UntilAsync(async () => (await second.AssignedPartitionsAsync()).Count == 4, TimeSpan.FromSeconds(60), () => "engine B to hold all four partitions\n" + second.Tail());
        const int total = firstBatch + secondBatch;
        await Poll.UntilAsync(async () => appliedByFirst + await second.AppliedAsync() >= total, TimeSpan.FromSeconds(60),
            () => $"A applied {appliedByFirst}, B {second.AppliedAsync().Result}: {total} expected\n" + second.Tail());
        // One more event per site, after everything else: B then holds every site (a site whose partition A had finished
        // is loaded from A's snapshot), and once B has applied them all, a record applied twice would have shown.
        await Markers.ProduceAndAwaitAsync(kafka.BootstrapServers, events, "web", [topic], TimeSpan.FromSeconds(60), second);
        var status = await second.StatusAsync();
        Assert.Equal(0, status["duplicates"]!.GetValue<long>());
        // Delivery is at least once: what A applied after its last snapshot is not committed, so B reads it again from
        // A's committed offsets and applies it on top of A's snapshot. The state must hold every event exactly once.
        var applied = status["applied"]!.GetValue<long>();
        Assert.True(appliedByFirst + applied >= total + FeedbackEvents.Sites.Length, $"A applied {appliedByFirst}, B {applied}: events lost");
        // B must report per site-attribute exactly what was produced.
        await Counts.AssertEqualAsync(events, second);
    }

    private static async Task<long> ConsumedAsync(EngineProcess engine) => (await engine.StatusAsync())["kafka"]!["consumed"]!.GetValue<long>();

    private static async Task<IReadOnlyList<string>> RegionPartitionsAsync(EngineProcess engine) =>
        (await engine.StatusAsync())["kafka"]!["regions"]!["assignedPartitions"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();

    [GeneratedRegex(@"ingestion stopped: applied=(\d+)")]
    private static partial Regex AppliedTotal();
}
