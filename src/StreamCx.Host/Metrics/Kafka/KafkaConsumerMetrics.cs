using System.Collections.Concurrent;
using System.Globalization;
using Prometheus;
using StreamCx.Kafka;

namespace StreamCx.Host.Metrics.Kafka;

/// <summary>
/// Per-partition consumer lag and consumer state, published when Prometheus scrapes, for the partitions assigned
/// at that moment only (a revoked partition's series disappear):
/// lag in offsets from librdkafka's statistics, lag in seconds from the event time of the last record applied.
/// </summary>
public sealed class KafkaConsumerMetrics
{
    private readonly KafkaClientMetrics _clients;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<(string Topic, int Partition), long> _lastEventTicks = new();
    private readonly Gauge _assigned, _buffered, _paused;
    private readonly SeriesSet _lagOffsets, _lagSeconds, _fetchQueue;
    private volatile IKafkaConsumerControl? _consumer;
    private volatile LibrdkafkaStatistics? _statistics;

    public KafkaConsumerMetrics(CollectorRegistry registry, KafkaClientMetrics clients, TimeProvider clock)
    {
        _clients = clients;
        _clock = clock;
        var f = Prometheus.Metrics.WithCustomRegistry(registry);
        string[] partition = ["topic", "partition"];
        _assigned = f.CreateGauge("streamcx_kafka_consumer_assigned_partitions", "Partitions assigned to this engine's consumer");
        _buffered = f.CreateGauge("streamcx_kafka_consumer_buffered_records", "Records consumed and waiting for the pipeline (backpressure buffer)");
        _paused = f.CreateGauge("streamcx_kafka_consumer_paused", "1 while the consumer has paused its partitions because the pipeline stalled");
        _lagOffsets = new SeriesSet(f.CreateGauge("streamcx_kafka_consumer_lag_offsets",
            "Offsets between the partition's high watermark and the last offset applied (stored), from librdkafka statistics", partition));
        _lagSeconds = new SeriesSet(f.CreateGauge("streamcx_kafka_consumer_lag_seconds",
            "Wall clock minus the event time (occurredAt) of the last record applied from the partition", partition));
        _fetchQueue = new SeriesSet(f.CreateGauge("streamcx_kafka_consumer_fetch_queue_messages",
            "Messages prefetched by librdkafka and not yet consumed", partition));
        registry.AddBeforeCollectCallback(Publish);
    }

    /// <summary>Follows the consumer behind one materialization of the Kafka source.</summary>
    public void Attach(IKafkaConsumerControl consumer)
    {
        consumer.StatisticsReported += (_, e) => OnStatistics(e.Json);
        _consumer = consumer;
    }

    public void OnStatistics(string json)
    {
        if (LibrdkafkaStatistics.Parse(json) is not { } statistics) return;
        _statistics = statistics;
        _clients.Report(statistics);
    }

    /// <summary>A record of <paramref name="topic"/>/<paramref name="partition"/> with this event time was applied.</summary>
    public void EventApplied(string topic, int partition, DateTimeOffset occurredAt) =>
        _lastEventTicks[(topic, partition)] = occurredAt.UtcTicks;

    private void Publish()
    {
        var consumer = _consumer;
        var assigned = consumer?.AssignedPartitions.Select(p => (p.Topic, p.Partition.Value)).ToHashSet() ?? [];
        _assigned.Set(assigned.Count);
        _buffered.Set(consumer?.BufferedCount ?? 0);
        _paused.Set(consumer?.IsPaused == true ? 1 : 0);

        var partitions = (_statistics?.Partitions ?? []).Where(p => assigned.Contains((p.Topic, p.Partition))).ToList();
        _lagOffsets.Publish(partitions.Where(p => p.ConsumerLag is not null).Select(p => (Labels(p.Topic, p.Partition), (double)p.ConsumerLag!.Value)));
        _fetchQueue.Publish(partitions.Select(p => (Labels(p.Topic, p.Partition), (double)p.FetchQueueMessages)));

        var nowTicks = _clock.GetUtcNow().UtcTicks;
        _lagSeconds.Publish(_lastEventTicks
            .Where(e => assigned.Contains(e.Key))
            .Select(e => (Labels(e.Key.Topic, e.Key.Partition), Math.Max(0, TimeSpan.FromTicks(nowTicks - e.Value).TotalSeconds))));
    }

    private static string[] Labels(string topic, int partition) => [topic, partition.ToString(CultureInfo.InvariantCulture)];
}
