using Confluent.Kafka;
using StreamCx.Kafka;
using StreamCx.Perf.Kafka;

namespace StreamCx.Perf.EndToEnd;

/// <summary>
/// Produces a fixed set of events, key = siteId (any other key: by its hash), to topics <c>prefix.0</c> … <c>prefix.n</c>, each site to a partition of its
/// own where there are enough (one topic per 4 sites: the mock cluster creates 4 partitions per topic and keeps at most
/// 5 MiB per partition, checked after).
/// </summary>
public static class TopicWriter
{
    /// <param name="noEmptyPartition">One topic per 4 sites rounded down, so that every partition gets a site (an input with no record
    /// at all is one the engine's event time waits on until it is known idle).</param>
    public static (IReadOnlyList<string> Topics, double Seconds) Produce(Target target, string prefix, Workload workload, bool noEmptyPartition = false)
    {
        var topicCount = noEmptyPartition ? Math.Max(1, workload.Catalog.Sites.Count / 4) : (workload.Catalog.Sites.Count + 3) / 4;
        var topics = Enumerable.Range(0, topicCount).Select(i => $"{prefix}.{i}").ToList();
        var partitions = SitePartitions.Create(target, topics, workload.Catalog.Sites.Select(s => s.SiteId));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using (var producer = Producers.Create(target.Settings, lingerMs: 20))
        {
            long failed = 0;
            for (var i = 0; i < workload.Events.Count; i++)
            {
                var (key, value) = workload.Events[i];
                Producers.Produce(producer, partitions.For(key), key, value, () => Interlocked.Increment(ref failed));
            }

            if (producer.Flush(TimeSpan.FromMinutes(5)) > 0 || Interlocked.Read(ref failed) > 0)
            {
                throw new InvalidOperationException($"producing to {prefix}.* failed ({failed} failed deliveries)");
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;
        CheckAllThere(target, topics, workload.Events.Count);
        return (topics, seconds);
    }

    /// <summary>The mock cluster drops the oldest records of a partition beyond 5 MiB: the whole workload must still be there.</summary>
    private static void CheckAllThere(Target target, List<string> topics, int count)
    {
        using var admin = new AdminClientBuilder(KafkaClientConfigFactory.CreateAdminClientConfig(target.Settings)).Build();
        var partitions = topics.SelectMany(topic => admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions
            .Select(p => new TopicPartition(topic, p.PartitionId))).ToList();
        using var consumer = new ConsumerBuilder<byte[], byte[]>(KafkaClientConfigFactory.CreateConsumerConfig(target.For(topics, "watermarks"))).Build();
        var watermarks = partitions.Select(p => consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10))).ToList();
        if (watermarks.Any(w => w.Low.Value > 0) || watermarks.Sum(w => w.High.Value) != count)
        {
            throw new InvalidOperationException($"the topics hold {watermarks.Sum(w => w.High.Value - w.Low.Value)} of the {count} records produced (the mock cluster keeps 5 MiB per partition: use fewer --events)");
        }
    }
}
