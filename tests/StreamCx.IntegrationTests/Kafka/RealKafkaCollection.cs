using StreamCx.IntegrationTests.Infrastructure;

namespace StreamCx.IntegrationTests.Kafka;

/// <summary>Tests against the one real broker; they run one after another (one of them stops the broker).</summary>
[CollectionDefinition(Name)]
public sealed class RealKafkaCollection : ICollectionFixture<RealKafkaFixture>
{
    public const string Name = "real kafka";
}
