using StreamCx.Domain.Contracts;

namespace StreamCx.Domain.Processing;

/// <summary>
/// What a region knew at the start of one event-time bucket: each attribute's peer values and the region's driver
/// importance over every event before that instant. A site evaluates an event of bucket b against the view of bucket b
/// (everything before b started), so its peers and importance are a function of event time alone, whatever the order
/// in which the region's sites were fed or the engines that fed them.
/// </summary>
public sealed class RegionView(long bucket, IReadOnlyDictionary<string, FrozenPeers> peers, IReadOnlyDictionary<string, ImportanceFactor> importance)
{
    public static readonly RegionView Empty = new(long.MinValue, new Dictionary<string, FrozenPeers>(), new Dictionary<string, ImportanceFactor>());

    /// <summary>The bucket this view opens: it holds every event of the region before that bucket's start.</summary>
    public long Bucket { get; } = bucket;

    public IReadOnlyDictionary<string, ImportanceFactor> Importance => importance;

    public List<double> PeersOf(string siteId, string attributeId, List<double> into)
    {
        if (peers.TryGetValue(attributeId, out var frozen)) return frozen.PeersOf(siteId, into);
        into.Clear();
        return into;
    }

    public ImportanceFactor? ImportanceOf(string attributeId) => importance.GetValueOrDefault(attributeId);
}
