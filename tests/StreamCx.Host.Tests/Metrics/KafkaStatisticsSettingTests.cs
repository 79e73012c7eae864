using StreamCx.Host.Metrics;
using StreamCx.Kafka;

namespace StreamCx.Host.Tests.Metrics;

public class KafkaStatisticsSettingTests
{
    [Fact]
    public void Metrics_turn_librdkafka_statistics_on_at_their_interval_without_touching_the_original_settings()
    {
        var kafka = new KafkaSettings { BootstrapServers = "b:9092" };
        var applied = KafkaStatisticsSetting.Apply(kafka, new MetricsSettings { KafkaStatisticsInterval = TimeSpan.FromSeconds(2) });
        Assert.Equal("2000", applied.Properties["statistics.interval.ms"]);
        Assert.False(kafka.Properties.ContainsKey("statistics.interval.ms"));
    }

    [Fact]
    public void The_operators_own_value_in_Kafka_Properties_wins()
    {
        var kafka = new KafkaSettings { BootstrapServers = "b:9092", Properties = { ["statistics.interval.ms"] = "60000" } };
        Assert.Same(kafka, KafkaStatisticsSetting.Apply(kafka, new MetricsSettings()));
    }

    [Theory]
    [InlineData(false, 5)]
    [InlineData(true, 0)]
    public void Statistics_stay_off_when_metrics_or_the_interval_are_off(bool enabled, int seconds)
    {
        var kafka = new KafkaSettings { BootstrapServers = "b:9092" };
        var applied = KafkaStatisticsSetting.Apply(kafka, new MetricsSettings { Enabled = enabled, KafkaStatisticsInterval = TimeSpan.FromSeconds(seconds) });
        Assert.False(applied.Properties.ContainsKey("statistics.interval.ms"));
    }
}
