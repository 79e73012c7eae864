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

    private readonly List<TopicPartition> _all;

    private SitePartitions(Dictionary<string, TopicPartition> bySite, List<TopicPartition> all) => (_bySite, _all) = (bySite, all);

    public TopicPartition this[string siteId] => _bySite[siteId];

    /// <summary>A site's partition; any other key (a journey's, a customer's) by its hash over the same partitions, as a keyed producer.</summary>
    public TopicPartition For(string key) =>
        _bySite.TryGetValue(key, out var site) ? site : _all[(int)(StreamCx.Domain.Processing.KeyPartitioner.PartitionOf(key, _all.Count))];

    public static SitePartitions Create(Target target, IReadOnlyList<string> topics, IEnumerable<string> siteIds)
    {
        topics.ToList().ForEach(target.EnsureTopic);
        using var admin = new AdminClientBuilder(KafkaClientConfigFactory.CreateAdminClientConfig(target.Settings)).Build();
        var partitions = topics.SelectMany(topic => admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions
            .OrderBy(p => p.PartitionId).Select(p => new TopicPartition(topic, p.PartitionId))).ToList();
        var bySite = siteIds.Select((site, i) => (site, i)).ToDictionary(x => x.site, x => partitions[x.i % partitions.Count], StringComparer.Ordinal);
        return new SitePartitions(bySite, partitions);
    }
}
