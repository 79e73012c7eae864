using Confluent.Kafka;
using StreamCx.Domain.ReferenceData;
using StreamCx.Host.Simulation;
using StreamCx.Kafka;

namespace StreamCx.Perf.Kafka;

/// <summary>
/// Realistic feedback (the engine's own channel simulator: 49 sites, 3 ratings each, verbatims), spread by site over
/// 8 topics (the mock cluster keeps at most 5 MiB per partition: one topic per channel would overflow the store one).
/// </summary>
public static class Workload
{
    public static ReferenceCatalog Catalog { get; } = ReferenceDataLoader.Load(
        Path.Combine(Repo.Root, "config", "sites.json"), Path.Combine(Repo.Root, "config", "attributes.json"));

    private const int TopicCount = 8;

    /// <summary>
    /// Produces <paramref name="count"/> events spread over the last 24 hours, in event-time order, key = siteId, in
    /// turn to <c>prefix.0</c> … <c>prefix.7</c>; returns the topics.
    /// </summary>
    public static IReadOnlyList<string> Produce(Target target, string prefix, int count)
    {
        var topics = Enumerable.Range(0, TopicCount).Select(i => $"{prefix}.{i}").ToList();
        topics.ForEach(target.EnsureTopic);
        var config = KafkaClientConfigFactory.CreateProducerConfig(target.Settings);
        config.LingerMs = 20;
        config.BatchNumMessages = 10_000;
        config.QueueBufferingMaxMessages = 500_000;
        using var producer = new ProducerBuilder<string, byte[]>(config).Build();
        var now = DateTimeOffset.UtcNow.AddMinutes(-1);
        var simulator = new ChannelSimulator(Catalog, seed: 42, irritantStart: now.AddHours(-3));
        var random = new Random(42);
        long failed = 0;
        for (var i = 0; i < count; i++)
        {
            var siteIndex = random.Next(Catalog.Sites.Count);
            var site = Catalog.Sites[siteIndex];
            var at = now.AddHours(-24 + (24.0 * i / count));
            var message = new Message<string, byte[]> { Key = site.SiteId, Value = simulator.Next(site, at) };
            // a site always to the same topic (as a channel system keyed by site would): its events stay in event-time
            // order; spreading them over topics made many of them too late for their window, a cheaper path
            var topic = topics[siteIndex % TopicCount];
            while (true)
            {
                try
                {
                    producer.Produce(topic, message, report => { if (report.Error.IsError) Interlocked.Increment(ref failed); });
                    break;
                }
                catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(50));
                }
            }
        }

        if (producer.Flush(TimeSpan.FromMinutes(5)) > 0 || Interlocked.Read(ref failed) > 0)
        {
            throw new InvalidOperationException($"producing the workload to {prefix}.* failed ({failed} failed deliveries)");
        }

        // The mock cluster drops the oldest records of a partition beyond 5 MiB: the whole workload must still be there.
        using var admin = new AdminClientBuilder(KafkaClientConfigFactory.CreateAdminClientConfig(target.Settings)).Build();
        var partitions = topics.SelectMany(topic => admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions
            .Select(p => new TopicPartition(topic, p.PartitionId))).ToList();
        using var consumer = new ConsumerBuilder<byte[], byte[]>(KafkaClientConfigFactory.CreateConsumerConfig(target.For(topics, "watermarks"))).Build();
        var watermarks = partitions.Select(p => consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10))).ToList();
        if (watermarks.Any(w => w.Low.Value > 0) || watermarks.Sum(w => w.High.Value) != count)
        {
            throw new InvalidOperationException(
                $"{prefix}.* holds {watermarks.Sum(w => w.High.Value - w.Low.Value)} of the {count} records produced "
                + $"(low watermarks {string.Join(", ", watermarks.Select(w => w.Low.Value))}): use fewer events");
        }

        return topics;
    }
}
