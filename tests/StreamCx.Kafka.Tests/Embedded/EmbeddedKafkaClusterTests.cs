namespace StreamCx.Kafka.Tests.Embedded;

[Collection(KafkaCollection.Name)]
public sealed class EmbeddedKafkaClusterTests(EmbeddedKafkaFixture kafka)
{
    [Fact]
    public void Bootstrap_servers_is_the_mock_broker_on_loopback()
    {
        Assert.Matches(@"^127\.0\.0\.1:\d{2,5}$", kafka.BootstrapServers);
    }

    [Fact]
    public void EnsureTopics_auto_creates_topics_with_four_partitions()
    {
        var topic = EmbeddedKafkaFixture.UniqueName("ensure");

        kafka.Cluster.EnsureTopics([topic]);

        Assert.Equal(4, kafka.Cluster.PartitionCount(topic));
    }
}
