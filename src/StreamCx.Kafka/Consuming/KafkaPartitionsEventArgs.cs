using Confluent.Kafka;

namespace StreamCx.Kafka;

/// <summary>Partitions assigned to, revoked from or lost by the consumer.</summary>
public sealed class KafkaPartitionsEventArgs(IReadOnlyList<TopicPartition> partitions) : EventArgs
{
    /// <summary>The partitions concerned by this change (not the whole assignment).</summary>
    public IReadOnlyList<TopicPartition> Partitions { get; } = partitions;
}
