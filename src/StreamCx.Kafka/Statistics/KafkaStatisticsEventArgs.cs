namespace StreamCx.Kafka;

/// <summary>
/// One librdkafka statistics report: the JSON document described in librdkafka's STATISTICS.md, emitted every
/// <c>statistics.interval.ms</c> (set it in <see cref="KafkaSettings.Properties"/>; 0, the default, emits none).
/// </summary>
public sealed class KafkaStatisticsEventArgs(string json) : EventArgs
{
    /// <summary>The statistics JSON as librdkafka wrote it.</summary>
    public string Json { get; } = json;
}
