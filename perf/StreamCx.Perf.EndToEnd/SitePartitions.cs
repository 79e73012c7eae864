using Confluent.Kafka;
using StreamCx.Kafka;
using StreamCx.Perf.Kafka;

namespace StreamCx.Perf.EndToEnd;

/// <summary>
/// Each site's events go to one partition, as a producer keyed by siteId does, so a site's events are consumed in the
/// order produced (spreading them over topics would reorder them, and events older than the allowed lateness behind the
/// site's watermark count in totals only). Sites are dealt over every partition of the topics in turn, for balance.
/// </summary>
public sealed class SitePartitions
{
    private readonly Dictionary<string, TopicPartition> _bySite;

    private SitePartitions(Dictionary<string, TopicPartition> bySite) => _bySite = bySite;

    public TopicPartition this[string siteId] => _bySite[siteId];

    public static SitePartitions Create(Target target, IReadOnlyList<string> topics, IEnumerable<string> siteIds)
    {
        topics.ToList().ForEach(target.EnsureTopic);
        using var admin = new AdminClientBuilder(KafkaClientConfigFactory.CreateAdminClientConfig(target.Settings)).Build();
        var partitions = topics.SelectMany(topic => admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions
            .OrderBy(p => p.PartitionId).Select(p => new TopicPartition(topic, p.PartitionId))).ToList();
        var bySite = siteIds.Select((site, i) => (site, i)).ToDictionary(x => x.site, x => partitions[x.i % partitions.Count], StringComparer.Ordinal);
        return new SitePartitions(bySite);
    }
}
