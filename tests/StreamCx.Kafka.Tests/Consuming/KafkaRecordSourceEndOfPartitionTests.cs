using System.Collections.Concurrent;
using System.Text;
using Akka.Streams.Dsl;
using Confluent.Kafka;

namespace StreamCx.Kafka.Tests.Consuming;

/// <summary>End-of-partition markers: how the engine learns that an input is caught up and must not hold event time back.</summary>
[Collection(KafkaCollection.Name)]
public sealed class KafkaRecordSourceEndOfPartitionTests(EmbeddedKafkaFixture kafka)
{
    [Fact]
    public async Task Asked_for_markers_every_partition_read_to_its_end_gives_one_after_its_last_record_at_the_next_offset()
    {
        var settings = kafka.NewSettings("eof");
        var topic = settings.Topics[0];
        var last = new Dictionary<int, long>();
        using (var producer = kafka.CreateRawProducer())
        {
            foreach (var d in await Task.WhenAll(Enumerable.Range(0, 200).Select(i => producer.ProduceAsync(topic, new Message<byte[]?, byte[]?>
                     { Key = Encoding.UTF8.GetBytes($"site-{i % 7}"), Value = Encoding.UTF8.GetBytes($"r{i}") }))))
            {
                last[d.Partition.Value] = Math.Max(last.GetValueOrDefault(d.Partition.Value, -1), d.Offset.Value);
            }
        }

        var received = new ConcurrentQueue<ConsumedRecord>();
        var (control, _) = KafkaRecordSource.Create(settings, endOfPartitionMarkers: true)
            .ToMaterialized(Sink.ForEach<ConsumedRecord>(received.Enqueue), Keep.Both)
            .Run(kafka.Materializer);
        await Poll.UntilAsync(() => control.AssignedPartitions.Count > 0 && control.AssignedPartitions.All(p =>
            received.Any(r => r.EndOfPartition && r.Partition == p.Partition.Value && r.Offset == last.GetValueOrDefault(p.Partition.Value, -1) + 1)),
            TimeSpan.FromSeconds(30), "a marker at the end of every assigned partition");
        // where each partition ends, as the last fetch said it (what the intake compares with what it took: no unread backlog here)
        foreach (var p in control.AssignedPartitions)
        {
            Assert.Equal(last.GetValueOrDefault(p.Partition.Value, -1) + 1, control.HighWatermark(p.Topic, p.Partition.Value));
            Assert.Equal(last.GetValueOrDefault(p.Partition.Value, -1) + 1, control.QueryEnd(p.Topic, p.Partition.Value, TimeSpan.FromSeconds(5))); // asked of the broker
        }
        await control.StopAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Null(control.HighWatermark(topic, 0)); // closed: not known any more
        Assert.Null(control.QueryEnd(topic, 0, TimeSpan.FromSeconds(1)));

        var records = received.ToList();
        Assert.Equal(200, records.Count(r => !r.EndOfPartition));
        foreach (var (partition, offset) in last)
        {
            var inPartition = records.Where(r => r.Partition == partition).ToList();
            var marker = inPartition.FindLastIndex(r => r.EndOfPartition);
            Assert.Equal(offset + 1, inPartition[marker].Offset);
            Assert.Empty(inPartition[marker].Value);
            Assert.DoesNotContain(inPartition.Skip(marker + 1), r => !r.EndOfPartition); // nothing of that partition after its end
        }
        Assert.Equal(0, control.DroppedCount);
    }

    [Fact]
    public async Task Without_asking_no_marker_comes()
    {
        var settings = kafka.NewSettings("no-eof");
        using (var producer = kafka.CreateRawProducer())
        {
            await Task.WhenAll(Enumerable.Range(0, 50).Select(i => producer.ProduceAsync(settings.Topics[0], new Message<byte[]?, byte[]?> { Value = Encoding.UTF8.GetBytes($"r{i}") })));
            await producer.ProduceAsync(settings.Topics[0], new Message<byte[]?, byte[]?> { Value = "last"u8.ToArray() });
        }

        var received = new ConcurrentQueue<ConsumedRecord>();
        var (control, _) = KafkaRecordSource.Create(settings)
            .ToMaterialized(Sink.ForEach<ConsumedRecord>(received.Enqueue), Keep.Both)
            .Run(kafka.Materializer);
        await Poll.UntilAsync(() => received.Count >= 51, TimeSpan.FromSeconds(30), "every record");
        await control.StopAsync().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(51, received.Count);
        Assert.DoesNotContain(received, r => r.EndOfPartition);
    }

    [Fact]
    public async Task A_partition_assigned_again_at_its_end_gives_a_marker_again()
    {
        var settings = kafka.NewSettings("eof-again");
        var topic = settings.Topics[0];
        using (var producer = kafka.CreateRawProducer())
        {
            await Task.WhenAll(Enumerable.Range(0, 100).Select(i => producer.ProduceAsync(topic, new Message<byte[]?, byte[]?>
                { Key = Encoding.UTF8.GetBytes($"site-{i % 7}"), Value = Encoding.UTF8.GetBytes($"r{i}") })));
        }

        // A reads everything to the end of every partition, and stores every offset (committed: it starts there again)
        var received = new ConcurrentQueue<ConsumedRecord>();
        IKafkaConsumerControl? control = null;
        var (first, _) = KafkaRecordSource.Create(settings, endOfPartitionMarkers: true)
            .MapMaterializedValue(c => control = c)
            .ToMaterialized(Sink.ForEach<ConsumedRecord>(r =>
            {
                received.Enqueue(r);
                if (!r.EndOfPartition) control!.StoreOffset(r.Topic, r.Partition, r.Offset);
            }), Keep.Both)
            .Run(kafka.Materializer);
        await Poll.UntilAsync(() => first.AssignedPartitions.Count > 0 && first.AssignedPartitions.All(p => received.Any(r => r.EndOfPartition && r.Partition == p.Partition.Value)),
            TimeSpan.FromSeconds(30), "a marker at the end of every partition");
        var all = first.AssignedPartitions.Count;
        first.Commit();

        // B joins then leaves: A is given partitions again that it had read to their end, with nothing new in them
        var (second, _) = KafkaRecordSource.Create(settings, endOfPartitionMarkers: true).ToMaterialized(Sink.Ignore<ConsumedRecord>(), Keep.Both).Run(kafka.Materializer);
        await Poll.UntilAsync(() => second.AssignedPartitions.Count > 0 && first.AssignedPartitions.Count < all, TimeSpan.FromSeconds(60), "B to take some partitions");
        var assignedAgain = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var receivedBefore = 0;
        first.PartitionsAssigned += (_, _) =>
        {
            receivedBefore = received.Count;
            assignedAgain.TrySetResult();
        };
        await second.StopAsync().WaitAsync(TimeSpan.FromSeconds(20));
        await assignedAgain.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await Poll.UntilAsync(() => first.AssignedPartitions.Count == all, TimeSpan.FromSeconds(60), "A to hold every partition again");

        await Poll.UntilAsync(() => first.AssignedPartitions.All(p => received.Skip(receivedBefore).Any(r => r.EndOfPartition && r.Partition == p.Partition.Value)),
            TimeSpan.FromSeconds(30), "a marker again for every partition assigned again, though nothing new came");
        Assert.Equal(100, received.Count(r => !r.EndOfPartition)); // nothing read twice: A started again at the end of each
        await first.StopAsync().WaitAsync(TimeSpan.FromSeconds(20));
    }
}
