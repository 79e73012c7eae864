using System.Text;
using Akka.Streams.Dsl;
using Confluent.Kafka;

namespace StreamCx.Kafka.Tests.Consuming;

[Collection(KafkaCollection.Name)]
public sealed class KafkaRecordSourceDeliveryTests(EmbeddedKafkaFixture kafka)
{
    [Fact]
    public async Task Delivers_1000_records_exactly_once_in_per_partition_order()
    {
        const int count = 1000;
        var settings = kafka.NewSettings("delivery");
        var topic = settings.Topics[0];
        var produced = new Dictionary<string, TopicPartitionOffset>();
        using (var producer = kafka.CreateRawProducer())
        {
            var deliveries = Enumerable.Range(0, count)
                .Select(i => producer.ProduceAsync(topic, new Message<byte[]?, byte[]?>
                {
                    Key = Encoding.UTF8.GetBytes($"site-{i % 17}"),
                    Value = Encoding.UTF8.GetBytes($"event-{i}"),
                }))
                .ToList();
            foreach (var delivery in await Task.WhenAll(deliveries))
            {
                produced.Add(Encoding.UTF8.GetString(delivery.Message.Value!), delivery.TopicPartitionOffset);
            }
        }

        Assert.True(produced.Values.Select(p => p.Partition).Distinct().Count() > 1, "records should spread over several partitions");

        var (control, received) = KafkaRecordSource.Create(settings)
            .Take(count)
            .ToMaterialized(Sink.Seq<ConsumedRecord>(), Keep.Both)
            .Run(kafka.Materializer);
        var assigned = new List<TopicPartition>();
        var revoked = new List<TopicPartition>();
        control.PartitionsAssigned += (_, e) => assigned.AddRange(e.Partitions); // group join takes ~3 s: no race
        control.PartitionsRevoked += (_, e) => revoked.AddRange(e.Partitions);
        var records = await received.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(count, records.Count);
        var ids = records.Select(r => Encoding.UTF8.GetString(r.Value)).ToList();
        Assert.Equal(count, ids.Distinct().Count());
        Assert.Equal(produced.Keys.Order(), ids.Order());
        foreach (var record in records)
        {
            var position = produced[Encoding.UTF8.GetString(record.Value)];
            Assert.Equal(topic, record.Topic);
            Assert.Equal(position.Partition.Value, record.Partition);
            Assert.Equal(position.Offset.Value, record.Offset);
            Assert.StartsWith("site-", record.Key, StringComparison.Ordinal);
            Assert.NotNull(record.Timestamp);
        }

        foreach (var partition in records.GroupBy(r => r.Partition))
        {
            var offsets = partition.Select(r => r.Offset).ToList();
            Assert.Equal(offsets.Order(), offsets);
        }

        // Take(count) cancelled the source: the consumer closed, revoking what it had been assigned.
        await control.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(KafkaConsumerState.Stopped, control.State);
        Assert.Equal(4, assigned.Count);
        Assert.All(assigned, p => Assert.Equal(topic, p.Topic));
        Assert.Equal(assigned.Order(), revoked.Order());
        Assert.Empty(control.AssignedPartitions);
    }
}
