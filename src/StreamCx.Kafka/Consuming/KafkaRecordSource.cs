using Akka.Streams.Dsl;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace StreamCx.Kafka;

/// <summary>Akka.Streams source of Kafka records with backpressure.</summary>
public static class KafkaRecordSource
{
    /// <summary>
    /// A source that, each time it is materialized, starts a consumer in group
    /// <see cref="KafkaSettings.GroupId"/> subscribed to <see cref="KafkaSettings.Topics"/> on a dedicated
    /// thread. At most about <see cref="KafkaSettings.BufferSize"/> records are taken ahead of downstream
    /// demand. Offsets are committed only once stored through the materialized
    /// <see cref="IKafkaConsumerControl.StoreOffset"/>. The stream completes after
    /// <see cref="IKafkaConsumerControl.StopAsync"/> or <paramref name="cancellationToken"/>, and fails on a
    /// fatal Kafka error or an unusable librdkafka property (<see cref="KafkaConfigurationException"/>);
    /// non-fatal errors (broker down) are logged and retried by librdkafka.
    /// </summary>
    /// <param name="endOfPartitionMarkers">
    /// Also emit a marker (<see cref="ConsumedRecord.EndOfPartition"/>, no value, never to be stored) each time a partition
    /// is read to its end: how the engine knows an input is caught up and must not hold event time back.
    /// </param>
    /// <exception cref="KafkaConfigurationException">The settings are invalid or name no bootstrap servers.</exception>
    public static Source<ConsumedRecord, IKafkaConsumerControl> Create(
        KafkaSettings settings,
        ILogger? logger = null,
        bool endOfPartitionMarkers = false,
        CancellationToken cancellationToken = default)
    {
        KafkaConfigurationException.ThrowIfInvalid(settings);
        var snapshot = settings.Clone();
        var config = KafkaClientConfigFactory.CreateConsumerConfig(snapshot);
        if (endOfPartitionMarkers) config.EnablePartitionEof = true;
        return Source.FromGraph(new KafkaSourceStage(snapshot, config, logger ?? NullLogger.Instance, cancellationToken));
    }
}
