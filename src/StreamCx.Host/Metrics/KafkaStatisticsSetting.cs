using System.Globalization;
using StreamCx.Kafka;

namespace StreamCx.Host.Metrics;

/// <summary>Turns librdkafka statistics on for the engine's clients when metrics want them.</summary>
public static class KafkaStatisticsSetting
{
    public const string Property = "statistics.interval.ms";

    /// <summary>
    /// <paramref name="kafka"/> with <c>statistics.interval.ms</c> set from <see cref="MetricsSettings.KafkaStatisticsInterval"/>,
    /// unless metrics or statistics are off, or <c>Kafka:Properties</c> already sets it (the operator's value wins).
    /// </summary>
    public static KafkaSettings Apply(KafkaSettings kafka, MetricsSettings metrics)
    {
        if (!metrics.Enabled || metrics.KafkaStatisticsInterval == TimeSpan.Zero || kafka.Properties?.ContainsKey(Property) == true) return kafka;
        var copy = kafka.Clone();
        copy.Properties ??= new Dictionary<string, string>(StringComparer.Ordinal);
        copy.Properties[Property] = ((long)metrics.KafkaStatisticsInterval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        return copy;
    }
}
