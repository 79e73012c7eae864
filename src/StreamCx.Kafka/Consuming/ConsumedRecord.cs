namespace StreamCx.Kafka;

/// <summary>One Kafka record as the engine sees it.</summary>
/// <param name="Topic">Source topic.</param>
/// <param name="Partition">Source partition.</param>
/// <param name="Offset">Offset within the partition.</param>
/// <param name="Key">The key decoded as UTF-8; null when absent or not valid UTF-8.</param>
/// <param name="Value">The raw value bytes (empty for a null value). Compared by reference in record equality.</param>
/// <param name="Timestamp">The record timestamp; null when the broker has none (e.g. Kafka 0.9).</param>
public sealed record ConsumedRecord(
    string Topic,
    int Partition,
    long Offset,
    string? Key,
    byte[] Value,
    DateTimeOffset? Timestamp)
{
    /// <summary>
    /// <see cref="System.Diagnostics.Stopwatch"/> timestamp at which the consumer took the record from librdkafka
    /// (0 when the record was not consumed, e.g. built for a dead letter): the start of latency measurements.
    /// </summary>
    public long ReceivedAt { get; init; }

    /// <summary>
    /// Not a record: the partition was read to its end at <see cref="Offset"/> (the next offset to come). Only emitted
    /// when asked for; never stored as applied.
    /// </summary>
    public bool EndOfPartition { get; init; }

    /// <summary>The marker that <paramref name="topic"/>[<paramref name="partition"/>] was read to its end at <paramref name="nextOffset"/>.</summary>
    public static ConsumedRecord EndOf(string topic, int partition, long nextOffset) =>
        new(topic, partition, nextOffset, null, [], null) { EndOfPartition = true, ReceivedAt = System.Diagnostics.Stopwatch.GetTimestamp() };
}
