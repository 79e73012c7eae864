using Confluent.Kafka;

namespace StreamCx.Kafka;

/// <summary>
/// Builds Confluent.Kafka client configurations from <see cref="KafkaSettings"/>: StreamCx defaults
/// first, then every <see cref="KafkaSettings.Properties"/> entry, which therefore wins.
/// Nothing here depends on a broker version; old brokers are handled through properties.
/// </summary>
public static class KafkaClientConfigFactory
{
    /// <summary>librdkafka's default <c>fetch.max.bytes</c>.</summary>
    private const int LibrdkafkaFetchMaxBytes = 52_428_800;

    /// <summary>librdkafka's default <c>max.partition.fetch.bytes</c>.</summary>
    private const int LibrdkafkaPartitionFetchBytes = 1_048_576;

    /// <summary>
    /// <c>fetch.queue.backoff.ms</c>: once librdkafka's local queue is full (100,000 messages by default) it waits
    /// this long before fetching again. Its default, 1 s, is longer than the engine takes to drain a full queue
    /// (it applies some 100,000 events a second), which left it idle for part of every second of a backlog.
    /// </summary>
    private const int FetchQueueBackoffMs = 100;

    /// <summary>
    /// How often a consumer asks for the metadata of its topics (librdkafka's default is 5 minutes): a consumer that
    /// subscribed while the brokers were down can wait in its group's <c>wait-metadata</c> join state for that long after
    /// they are back (seen under load with a restarted Kafka 0.9 broker: the group never assigned within 150 s).
    /// </summary>
    private const int TopicMetadataRefreshIntervalMs = 10_000;

    /// <summary>
    /// Consumer defaults: auto commit of <em>stored</em> offsets only (<c>enable.auto.offset.store=false</c>:
    /// the engine stores an offset once the event is applied), earliest reset, fetch sizes that let a
    /// message larger than <see cref="KafkaSettings.MaxMessageBytes"/> through so it can be dead-lettered, and a
    /// short pause (100 ms) after librdkafka's local queue filled up, and the topics' metadata asked for every 10 s.
    /// </summary>
    /// <remarks>
    /// librdkafka never gets stuck on a message larger than <c>max.partition.fetch.bytes</c>: brokers
    /// speaking Fetch v3+ (KIP-74) return the first message whole whatever the limit, and for older
    /// brokers (e.g. Kafka 0.9) librdkafka doubles the partition fetch size after a partial message.
    /// The per-partition size is still set to twice <see cref="KafkaSettings.MaxMessageBytes"/>
    /// (at least librdkafka's 1 MiB default) so that such a message is fetched in one round trip.
    /// </remarks>
    public static ConsumerConfig CreateConsumerConfig(KafkaSettings settings)
    {
        var partitionFetchBytes = PartitionFetchBytes(settings);
        var config = new ConsumerConfig
        {
            BootstrapServers = RequireBootstrapServers(settings),
            GroupId = settings.GroupId,
            EnableAutoCommit = true,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            MaxPartitionFetchBytes = partitionFetchBytes,
            FetchMaxBytes = Math.Max(LibrdkafkaFetchMaxBytes, partitionFetchBytes),
            FetchQueueBackoffMs = FetchQueueBackoffMs,
            TopicMetadataRefreshIntervalMs = TopicMetadataRefreshIntervalMs,
        };
        return ApplyProperties(config, settings);
    }

    /// <summary>Producer defaults: <c>acks=all</c>. Idempotence is left to <see cref="KafkaSettings.Properties"/>.</summary>
    public static ProducerConfig CreateProducerConfig(KafkaSettings settings)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = RequireBootstrapServers(settings),
            Acks = Acks.All,
        };
        return ApplyProperties(config, settings);
    }

    /// <summary>Admin client configuration (bootstrap servers and properties).</summary>
    public static AdminClientConfig CreateAdminClientConfig(KafkaSettings settings)
    {
        var config = new AdminClientConfig { BootstrapServers = RequireBootstrapServers(settings) };
        return ApplyProperties(config, settings);
    }

    internal static int PartitionFetchBytes(KafkaSettings settings) =>
        (int)Math.Clamp(2L * settings.MaxMessageBytes, LibrdkafkaPartitionFetchBytes, int.MaxValue / 2);

    private static T ApplyProperties<T>(T config, KafkaSettings settings)
        where T : ClientConfig
    {
        foreach (var (key, value) in settings.Properties ?? [])
        {
            config.Set(key, value);
        }

        return config;
    }

    private static string RequireBootstrapServers(KafkaSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.UsesEmbeddedCluster)
        {
            throw new KafkaConfigurationException(
                "Kafka:BootstrapServers is empty, which means the embedded cluster: start an EmbeddedKafkaCluster "
                + "and use settings.WithBootstrapServers(cluster.BootstrapServers) before building clients.");
        }

        return settings.BootstrapServers!;
    }
}
