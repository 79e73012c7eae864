using Akka.Actor;
using Akka.Streams;
using Confluent.Kafka;

namespace StreamCx.Kafka.Tests;

/// <summary>One embedded Kafka cluster and one actor system for the whole <see cref="KafkaCollection"/>.</summary>
public sealed class EmbeddedKafkaFixture : IDisposable
{
    public EmbeddedKafkaFixture()
    {
        Cluster = new EmbeddedKafkaCluster();
        System = ActorSystem.Create("streamcx-kafka-tests");
        Materializer = System.Materializer();
    }

    public EmbeddedKafkaCluster Cluster { get; }

    public ActorSystem System { get; }

    public IMaterializer Materializer { get; }

    public string BootstrapServers => Cluster.BootstrapServers;

    /// <summary>A unique, legal topic (or group) name.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>
    /// Settings for one test: a unique input topic, group, alerts and dead-letter topic. A short session
    /// timeout lets a consumer restarted in the same group be assigned within ~2 s on the mock cluster.
    /// </summary>
    public KafkaSettings NewSettings(string testName)
    {
        var settings = new KafkaSettings
        {
            BootstrapServers = BootstrapServers,
            Topics = [UniqueName(testName)],
            GroupId = UniqueName(testName + "-group"),
            AlertsTopic = UniqueName(testName + "-alerts"),
            DeadLetterTopic = UniqueName(testName + "-dlq"),
        };
        settings.Properties["session.timeout.ms"] = "3000";
        settings.Properties["heartbeat.interval.ms"] = "1000";
        return settings;
    }

    /// <summary>A plain Confluent.Kafka producer (the "channel system" side) allowing 3 MB records.</summary>
    public IProducer<byte[]?, byte[]?> CreateRawProducer() =>
        new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig
        {
            BootstrapServers = BootstrapServers,
            MessageMaxBytes = 3_000_000,
            LingerMs = 5,
        }).Build();

    /// <summary>A plain consumer reading one record at an exact position (no group join).</summary>
    public ConsumeResult<byte[]?, byte[]?> ReadOne(TopicPartitionOffset position, TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = BootstrapServers,
            GroupId = UniqueName("reader"),
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(position);
        var result = consumer.Consume(timeout) ?? throw new TimeoutException($"Nothing to read at {position} within {timeout}.");
        consumer.Close();
        return result;
    }

    public void Dispose()
    {
        System.Terminate().Wait(TimeSpan.FromSeconds(10));
        Cluster.Dispose();
    }
}
