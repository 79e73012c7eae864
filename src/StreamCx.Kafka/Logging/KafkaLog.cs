using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace StreamCx.Kafka;

/// <summary>Source-generated log messages of the Kafka layer.</summary>
internal static partial class KafkaLog
{
    [LoggerMessage("librdkafka {Client} {Facility}: {Message}")]
    public static partial void Librdkafka(this ILogger logger, LogLevel level, string client, string facility, string message);

    [LoggerMessage(LogLevel.Information, "Embedded Kafka cluster started at {BootstrapServers}")]
    public static partial void EmbeddedStarted(this ILogger logger, string bootstrapServers);

    [LoggerMessage(LogLevel.Information, "Embedded Kafka cluster at {BootstrapServers} stopped")]
    public static partial void EmbeddedStopped(this ILogger logger, string bootstrapServers);

    [LoggerMessage(LogLevel.Warning, "Embedded Kafka cluster: {Error}")]
    public static partial void EmbeddedError(this ILogger logger, Error error);

    [LoggerMessage(LogLevel.Information, "Kafka consumer in group {GroupId} subscribed to {Topics}")]
    public static partial void ConsumerSubscribed(this ILogger logger, string groupId, string topics);

    [LoggerMessage(LogLevel.Information, "Kafka consumer in group {GroupId} stopped")]
    public static partial void ConsumerStopped(this ILogger logger, string groupId);

    [LoggerMessage(LogLevel.Error, "Kafka consumer in group {GroupId} failed")]
    public static partial void ConsumerFailed(this ILogger logger, Exception exception, string groupId);

    [LoggerMessage(LogLevel.Warning, "Closing the Kafka consumer failed: {Reason}")]
    public static partial void ConsumerCloseFailed(this ILogger logger, string reason);

    [LoggerMessage(LogLevel.Warning, "The Kafka client that asks where partitions end could not be made ({Reason}): no end is confirmed, and the inputs read to their end hold event time back")]
    public static partial void EndsClientFailed(this ILogger logger, string reason);

    [LoggerMessage(LogLevel.Debug, "Offset {Offset} of {Topic} [{Partition}] not stored (partition not assigned or consumer closing): {Error}")]
    public static partial void OffsetNotStored(this ILogger logger, long offset, string topic, int partition, Error error);

    [LoggerMessage(LogLevel.Information, "Committed Kafka offsets {Offsets}")]
    public static partial void OffsetsCommitted(this ILogger logger, IReadOnlyList<TopicPartitionOffset> offsets);

    [LoggerMessage(LogLevel.Debug, "Kafka consumer {Action} {Count} partition(s); {Buffered} record(s) buffered")]
    public static partial void FlowControl(this ILogger logger, string action, int count, int buffered);

    [LoggerMessage(LogLevel.Warning, "Could not {Action} Kafka partitions: {Error}")]
    public static partial void FlowControlFailed(this ILogger logger, string action, Error error);

    [LoggerMessage(LogLevel.Warning, "Kafka consume error at {Position}: {Error}")]
    public static partial void ConsumeError(this ILogger logger, TopicPartitionOffset? position, Error error);

    [LoggerMessage(LogLevel.Error, "Fatal Kafka {Client} error: {Error}")]
    public static partial void FatalError(this ILogger logger, string client, Error error);

    [LoggerMessage(LogLevel.Warning, "Kafka {Client} error (librdkafka retries): {Error}{Repeats}")]
    private static partial void ClientErrorMessage(this ILogger logger, string client, Error error, string repeats);

    [LoggerMessage(LogLevel.Debug, "Kafka {Client} error (repeated, librdkafka retries): {Error}")]
    private static partial void ClientErrorRepeated(this ILogger logger, string client, Error error);

    /// <summary>A non-fatal client error; identical ones are logged at most once a minute (the others at Debug).</summary>
    public static void ClientError(this ILogger logger, ErrorLogThrottle throttle, string client, Error error)
    {
        if (throttle.ShouldLog(error.Reason, out var suppressed))
        {
            logger.ClientErrorMessage(client, error, suppressed > 0 ? $" (and {suppressed} identical one(s) in the last minute)" : "");
        }
        else
        {
            logger.ClientErrorRepeated(client, error);
        }
    }

    /// <summary>Stable event ids of the key consumer events (see README, "Logs").</summary>
    public const int PartitionsAssignedId = 1001, PartitionsRevokedId = 1002, PartitionsLostId = 1003;

    [LoggerMessage(PartitionsAssignedId, LogLevel.Information, "Kafka partitions assigned: {Partitions}")]
    public static partial void PartitionsAssigned(this ILogger logger, string partitions);

    [LoggerMessage(PartitionsRevokedId, LogLevel.Information, "Kafka partitions revoked: {Partitions}")]
    public static partial void PartitionsRevoked(this ILogger logger, string partitions);

    [LoggerMessage(PartitionsLostId, LogLevel.Warning, "Kafka partitions lost: {Partitions}")]
    public static partial void PartitionsLost(this ILogger logger, string partitions);

    /// <summary>"topic[0], topic[1]": partitions as one plain string (a JSON log keeps it readable).</summary>
    public static string Describe(IEnumerable<TopicPartition> partitions) =>
        string.Join(", ", partitions.Select(p => $"{p.Topic}[{p.Partition.Value}]"));

    [LoggerMessage(LogLevel.Error, "A Kafka statistics handler failed")]
    public static partial void StatisticsHandlerFailed(this ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Warning, "Kafka is unreachable at {BootstrapServers} ({Reason}): consumer group {GroupId} is not ready, {Consequence}; the engine keeps running and reconnects as soon as a broker answers")]
    public static partial void BrokersUnreachable(this ILogger logger, string bootstrapServers, string groupId, string reason, string consequence);

    [LoggerMessage(LogLevel.Information, "Kafka is reachable again at {BootstrapServers} after {OutageSeconds:0.0} s ({Evidence}): consumer group {GroupId} resumes")]
    public static partial void BrokersReachable(this ILogger logger, string bootstrapServers, string groupId, double outageSeconds, string evidence);

    [LoggerMessage(LogLevel.Warning, "Records handed out for {Partitions} were not all stored within {Timeout} of their revocation; the next owner may process some of them again")]
    public static partial void RevokeNotDrained(this ILogger logger, TimeSpan timeout, IReadOnlyList<TopicPartition> partitions);

    [LoggerMessage(LogLevel.Warning, "Committing {Offsets} on revocation failed: {Error}")]
    public static partial void RevokeCommitFailed(this ILogger logger, IReadOnlyList<TopicPartitionOffset> offsets, Error error);

    [LoggerMessage(LogLevel.Information, "{Partition}: resuming at offset {ResumeAt}, where this consumer stopped; the committed offset ({Committed}) is behind: its last commit did not get through")]
    public static partial void ResumingAhead(this ILogger logger, TopicPartition partition, long resumeAt, string committed);

    [LoggerMessage(LogLevel.Warning, "Could not read the committed offsets of re-assigned partitions ({Error}); starting from the committed offsets")]
    public static partial void CommittedNotRead(this ILogger logger, Error error);

    [LoggerMessage(LogLevel.Error, "A Kafka partition event handler failed")]
    public static partial void PartitionHandlerFailed(this ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Warning, "Producing to {Topic} failed (attempt {Attempt} of {MaxAttempts}), retrying in {Delay}: {Error}")]
    public static partial void ProduceRetry(this ILogger logger, string topic, int attempt, int maxAttempts, TimeSpan delay, Error error);

    [LoggerMessage(LogLevel.Error, "Producing to {Topic} failed after {Attempts} attempt(s): {Error}")]
    public static partial void ProduceFailed(this ILogger logger, string topic, int attempts, Error error);

    [LoggerMessage(LogLevel.Warning, "Kafka producer disposed with {Remaining} message(s) not delivered")]
    public static partial void FlushIncomplete(this ILogger logger, int remaining);

    [LoggerMessage(LogLevel.Warning, "Dead letter for {Topic} [{Partition}] @{Offset} keeps {Kept} of {Size} original bytes: the envelope must fit {Limit} bytes")]
    public static partial void DeadLetterTruncated(this ILogger logger, string topic, int partition, long offset, int kept, int size, int limit);
}
