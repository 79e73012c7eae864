using Confluent.Kafka;

namespace StreamCx.Kafka;

/// <summary>
/// Materialized value of <see cref="KafkaRecordSource.Create"/>: offset storage, status and stop for the
/// consumer behind one materialization. Members are thread-safe.
/// </summary>
public interface IKafkaConsumerControl
{
    /// <summary>Raised on the consumer thread after partitions are assigned. Keep handlers short.</summary>
    event EventHandler<KafkaPartitionsEventArgs>? PartitionsAssigned;

    /// <summary>
    /// Raised on the consumer thread when partitions are revoked (rebalance or close), after the records
    /// already handed out for them were stored (or <see cref="KafkaSettings.RevokeDrainTimeout"/> ran out)
    /// and their offsets committed, before another member gets them.
    /// </summary>
    event EventHandler<KafkaPartitionsEventArgs>? PartitionsRevoked;

    /// <summary>Raised on the consumer thread when partitions were lost (session timed out, fenced).</summary>
    event EventHandler<KafkaPartitionsEventArgs>? PartitionsLost;

    /// <summary>
    /// Raised on the consumer thread with each librdkafka statistics report (only when the
    /// <c>statistics.interval.ms</c> property is set). Keep handlers short.
    /// </summary>
    event EventHandler<KafkaStatisticsEventArgs>? StatisticsReported;

    /// <summary>Current life-cycle state.</summary>
    KafkaConsumerState State { get; }

    /// <summary>
    /// True after an assignment, a record or a broker's answer; false after librdkafka reported all brokers
    /// down, until a broker answers again (the consumer probes the cluster about once a second meanwhile).
    /// </summary>
    bool IsConnected { get; }

    /// <summary>
    /// True while the consumer has paused its partitions because downstream stalled with a full buffer
    /// (it still polls, so group membership is kept).
    /// </summary>
    bool IsPaused { get; }

    /// <summary>
    /// The offset after the last message of the partition as the broker's last fetch response said it (librdkafka's
    /// cached high watermark, no request made); null before the partition was fetched or when the consumer is closed.
    /// </summary>
    long? HighWatermark(string topic, int partition);

    /// <summary>
    /// Asks the broker where the partition ends now (a request, unlike <see cref="HighWatermark"/>, on a client of its own so
    /// that it does not wait behind the consumer's fetch); null when it does not answer within <paramref name="timeout"/> or
    /// the consumer is closed.
    /// </summary>
    long? QueryEnd(string topic, int partition, TimeSpan timeout);

    /// <summary>Partitions currently assigned to this consumer.</summary>
    IReadOnlyCollection<TopicPartition> AssignedPartitions { get; }

    /// <summary>Records taken from Kafka so far (pushed downstream or waiting in the buffer).</summary>
    long ConsumedCount { get; }

    /// <summary>Records waiting in the bounded buffer for downstream demand.</summary>
    int BufferedCount { get; }

    /// <summary>
    /// Records consumed but never handed downstream because their partition was revoked or lost first
    /// (the partition's next owner reads them again from the committed offset).
    /// </summary>
    long DroppedCount { get; }

    /// <summary>When librdkafka last reported all brokers down, while it still is; null when a broker answers.</summary>
    DateTimeOffset? UnreachableSince { get; }

    /// <summary>The last non-fatal error librdkafka reported, if any.</summary>
    Error? LastError { get; }

    /// <summary>The error that stopped the consumer, if any.</summary>
    Exception? Failure { get; }

    /// <summary>Completes (never faults) once the consumer is closed and disposed.</summary>
    Task Completion { get; }

    /// <summary>
    /// Marks the record at <paramref name="offset"/> as applied: the next committed offset for that
    /// partition becomes <paramref name="offset"/> + 1 (auto commit, <see cref="Commit"/> or close).
    /// Returns false when the partition is not assigned to this consumer (anymore) or it is stopped.
    /// </summary>
    bool StoreOffset(string topic, int partition, long offset);

    /// <summary>
    /// Synchronously commits the stored offsets; returns what was committed (empty when nothing was
    /// stored or the consumer is stopped). Throws <see cref="KafkaException"/> when the commit fails.
    /// </summary>
    IReadOnlyList<TopicPartitionOffset> Commit();

    /// <summary>
    /// Stops consuming and closes the consumer: its partitions are revoked as in a rebalance (records still
    /// buffered are dropped, those handed out are waited for and their stored offsets committed), it leaves
    /// the group, then the stream completes.
    /// </summary>
    Task StopAsync(CancellationToken cancellationToken = default);
}
