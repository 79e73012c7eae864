using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace StreamCx.Kafka.Tests.Consuming;

[Collection(KafkaCollection.Name)]
public sealed partial class KafkaRecordSourceRebalanceTests(EmbeddedKafkaFixture kafka)
{
    private sealed record Applied(string Consumer, string Id, int Partition);

    /// <remarks>
    /// The mock cluster refuses offset commits while a rebalance is in progress (a real broker accepts them from
    /// the current generation: see the real-broker integration tests), so the commit made on revocation fails
    /// here and the next owner of such a partition starts from the previous commit. What is checked is what the
    /// consumer controls: nothing lost, nothing applied twice by the same consumer, buffered records of revoked
    /// partitions left to their next owner, and records applied by both consumers only where that commit failed.
    /// </remarks>
    [Fact]
    public async Task A_rebalance_in_the_middle_of_a_backlog_loses_nothing_and_repeats_nothing_the_consumer_controls()
    {
        const int count = 3000;
        var settings = kafka.NewSettings("rebalance");
        settings.BufferSize = 100;
        using var producer = kafka.CreateRawProducer();
        var partitions = (await Task.WhenAll(Enumerable.Range(0, count).Select(i => producer.ProduceAsync(settings.Topics[0], new Message<byte[]?, byte[]?>
        {
            Key = Encoding.UTF8.GetBytes($"site-{i % 13}"),
            Value = Encoding.UTF8.GetBytes($"r{i}"),
        })))).Select(d => d.Partition.Value).Distinct().Order().ToList();

        // Each consumer applies one record at a time (slowly), then stores its offset, as the engine does.
        var applied = new ConcurrentQueue<Applied>();
        var logA = new ListLogger(LogLevel.Information);
        var first = Start("A", settings, applied, logA);
        await Poll.UntilAsync(() => applied.Count >= 200, TimeSpan.FromSeconds(30), "the first consumer to be busy with its backlog");
        var revoked = 0;
        first.PartitionsRevoked += (_, _) => Interlocked.Increment(ref revoked);

        var second = Start("B", settings, applied, new ListLogger());
        await Poll.UntilAsync(() => applied.Select(a => a.Id).Distinct().Count() >= count, TimeSpan.FromSeconds(60), $"all {count} records applied");
        // A marker after the backlog in every partition: a partition's records reach its owner in offset order, so once
        // every marker is applied, nothing produced before can still be on its way; stopping then drains what was handed out.
        foreach (var partition in partitions)
        {
            await producer.ProduceAsync(new TopicPartition(settings.Topics[0], partition), new Message<byte[]?, byte[]?> { Value = Encoding.UTF8.GetBytes(Marker(partition)) });
        }
        await Poll.UntilAsync(() => partitions.All(p => applied.Any(a => a.Id == Marker(p))), TimeSpan.FromSeconds(60), "the marker of every partition applied");
        await first.StopAsync().WaitAsync(TimeSpan.FromSeconds(20));
        await second.StopAsync().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(count, applied.Where(a => !a.Id.StartsWith("marker-", StringComparison.Ordinal)).Select(a => a.Id).Distinct().Count());
        foreach (var consumer in applied.GroupBy(a => a.Consumer))
        {
            var repeated = consumer.GroupBy(a => a.Id).Where(g => g.Count() > 1).Select(g => g.Key).Take(10).ToList();
            Assert.True(repeated.Count == 0, $"consumer {consumer.Key} applied twice: {string.Join(", ", repeated)}");
        }

        var refused = logA.Messages.Where(m => m.Contains("on revocation failed", StringComparison.Ordinal))
            .SelectMany(m => PartitionNumber().Matches(m).Select(p => int.Parse(p.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .ToHashSet();
        var appliedByBoth = applied.GroupBy(a => a.Id).Where(g => g.Select(a => a.Consumer).Distinct().Count() > 1).Select(g => g.First()).ToList();
        Assert.All(appliedByBoth, a => Assert.Contains(a.Partition, refused));
        Assert.True(revoked > 0, "the second consumer's arrival must have revoked partitions from the first");
        Assert.Contains(applied, a => a.Consumer == "B");
        Assert.True(first.DroppedCount > 0, "records buffered for the revoked partitions are left to their next owner");
    }

    private static string Marker(int partition) => $"marker-{partition}";

    [GeneratedRegex(@"\[\[(\d+)\]\] @\d+")]
    private static partial Regex PartitionNumber();

    private IKafkaConsumerControl Start(string name, KafkaSettings settings, ConcurrentQueue<Applied> applied, ILogger logger)
    {
        IKafkaConsumerControl? control = null;
        return KafkaRecordSource.Create(settings, logger)
            .MapMaterializedValue(c => control = c)
            .SelectAsync(1, async record =>
            {
                await Task.Delay(5);
                applied.Enqueue(new Applied(name, Encoding.UTF8.GetString(record.Value), record.Partition));
                return record;
            })
            .Select(record => control!.StoreOffset(record.Topic, record.Partition, record.Offset))
            .To(Sink.Ignore<bool>())
            .Run(kafka.Materializer);
    }
}
