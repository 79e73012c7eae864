namespace StreamCx.Kafka.Tests;

/// <summary>Tests that share the one embedded Kafka cluster (run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class KafkaCollection : ICollectionFixture<EmbeddedKafkaFixture>
{
    public const string Name = "embedded kafka";
}
