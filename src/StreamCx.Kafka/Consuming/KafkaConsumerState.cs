namespace StreamCx.Kafka;

/// <summary>Life cycle of the consumer behind a <see cref="KafkaRecordSource"/>.</summary>
public enum KafkaConsumerState
{
    /// <summary>Materialized, consumer thread not started yet.</summary>
    Created,

    /// <summary>Consumer created and subscribed; no sign of a broker yet.</summary>
    Starting,

    /// <summary>Received an assignment, a record or a broker's answer since the last "all brokers down".</summary>
    Connected,

    /// <summary>librdkafka reported all brokers down; it keeps reconnecting.</summary>
    Disconnected,

    /// <summary>Stop requested; closing the consumer (leaves the group, commits stored offsets).</summary>
    Stopping,

    /// <summary>Consumer closed after a stop.</summary>
    Stopped,

    /// <summary>Consumer closed after a fatal error or an unusable configuration; the stream failed.</summary>
    Failed,
}
