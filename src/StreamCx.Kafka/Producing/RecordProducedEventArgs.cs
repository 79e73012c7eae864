using Confluent.Kafka;

namespace StreamCx.Kafka;

/// <summary>Outcome of one <see cref="RecordProducer.ProduceAsync"/> call.</summary>
public sealed class RecordProducedEventArgs(string topic, TopicPartitionOffset? deliveredTo, Error? error, int attempts) : EventArgs
{
    /// <summary>The topic produced to.</summary>
    public string Topic { get; } = topic;

    /// <summary>Where the record landed; null when it failed.</summary>
    public TopicPartitionOffset? DeliveredTo { get; } = deliveredTo;

    /// <summary>The final error; null when delivered.</summary>
    public Error? Error { get; } = error;

    /// <summary>Attempts made, the first included.</summary>
    public int Attempts { get; } = attempts;
}
