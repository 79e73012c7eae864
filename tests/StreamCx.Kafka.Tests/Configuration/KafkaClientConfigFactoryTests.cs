using Confluent.Kafka;

namespace StreamCx.Kafka.Tests.Configuration;

public sealed class KafkaClientConfigFactoryTests
{
    private static KafkaSettings Settings() => new() { BootstrapServers = "127.0.0.1:9" };

    [Fact]
    public void Consumer_defaults_store_offsets_explicitly_and_fetch_oversized_messages()
    {
        var config = KafkaClientConfigFactory.CreateConsumerConfig(Settings());

        Assert.Equal("127.0.0.1:9", config.BootstrapServers);
        Assert.Equal("streamcx", config.GroupId);
        Assert.True(config.EnableAutoCommit);
        Assert.False(config.EnableAutoOffsetStore);
        Assert.Equal(AutoOffsetReset.Earliest, config.AutoOffsetReset);
        Assert.True(config.MaxPartitionFetchBytes >= 2_000_000, "a 2 MB message fits one partition fetch");
        Assert.True(config.FetchMaxBytes >= config.MaxPartitionFetchBytes);
        Assert.Equal(100, config.FetchQueueBackoffMs);
        Assert.Equal(10_000, config.TopicMetadataRefreshIntervalMs); // not librdkafka's 5 minutes: see the factory
    }

    [Fact]
    public void The_metadata_refresh_interval_can_be_set_in_Properties()
    {
        var settings = Settings();
        settings.Properties["topic.metadata.refresh.interval.ms"] = "1000";

        Assert.Equal(1000, KafkaClientConfigFactory.CreateConsumerConfig(settings).TopicMetadataRefreshIntervalMs);
    }

    [Fact]
    public void Partition_fetch_size_follows_MaxMessageBytes()
    {
        var settings = Settings();
        settings.MaxMessageBytes = 10_000_000;

        Assert.Equal(20_000_000, KafkaClientConfigFactory.CreateConsumerConfig(settings).MaxPartitionFetchBytes);
    }

    [Fact]
    public void Producer_defaults_to_acks_all_without_idempotence()
    {
        var config = KafkaClientConfigFactory.CreateProducerConfig(Settings());

        Assert.Equal(Acks.All, config.Acks);
        Assert.Null(config.EnableIdempotence);
        Assert.Null(config.Get("enable.idempotence"));
    }

    [Fact]
    public void Properties_reach_every_client_config()
    {
        var settings = Settings();
        settings.Properties["api.version.request"] = "false";
        settings.Properties["broker.version.fallback"] = "0.9.0";
        settings.Properties["socket.timeout.ms"] = "12345";

        ClientConfig[] configs =
        [
            KafkaClientConfigFactory.CreateConsumerConfig(settings),
            KafkaClientConfigFactory.CreateProducerConfig(settings),
            KafkaClientConfigFactory.CreateAdminClientConfig(settings),
        ];

        foreach (var config in configs)
        {
            Assert.Equal("false", config.Get("api.version.request"));
            Assert.Equal("0.9.0", config.Get("broker.version.fallback"));
            Assert.Equal("12345", config.Get("socket.timeout.ms"));
        }
    }

    [Fact]
    public void Properties_override_the_defaults()
    {
        var settings = Settings();
        settings.Properties["enable.auto.commit"] = "false";
        settings.Properties["auto.offset.reset"] = "latest";
        settings.Properties["max.partition.fetch.bytes"] = "4096";
        settings.Properties["acks"] = "1";

        var consumer = KafkaClientConfigFactory.CreateConsumerConfig(settings);
        var producer = KafkaClientConfigFactory.CreateProducerConfig(settings);

        Assert.False(consumer.EnableAutoCommit);
        Assert.Equal(AutoOffsetReset.Latest, consumer.AutoOffsetReset);
        Assert.Equal(4096, consumer.MaxPartitionFetchBytes);
        Assert.Equal(Acks.Leader, producer.Acks);
    }

    [Fact]
    public void Building_a_config_without_bootstrap_servers_points_at_the_embedded_cluster()
    {
        var thrown = Assert.Throws<KafkaConfigurationException>(() => KafkaClientConfigFactory.CreateProducerConfig(new KafkaSettings()));

        Assert.Contains("EmbeddedKafkaCluster", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_property_is_a_clear_error_naming_the_key()
    {
        var settings = Settings();
        settings.Properties["no.such.property"] = "1";

        var thrown = Assert.Throws<KafkaConfigurationException>(() => new RecordProducer(settings));

        Assert.Equal("no.such.property", thrown.PropertyKey);
        Assert.Contains("No such configuration property: \"no.such.property\"", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("Kafka:Properties[\"no.such.property\"]", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_property_value_is_a_clear_error_naming_the_property()
    {
        var settings = Settings();
        settings.Properties["acks"] = "banana";

        var thrown = Assert.Throws<KafkaConfigurationException>(() => new RecordProducer(settings));

        // librdkafka names the canonical property ("acks" is an alias of "request.required.acks").
        Assert.Contains("Invalid value for configuration property \"request.required.acks\"", thrown.Message, StringComparison.Ordinal);
        Assert.Contains("Kafka:Properties", thrown.Message, StringComparison.Ordinal);
    }
}
