using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Snapshots;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Processing;

/// <summary>
/// What a region knew at the start of one event-time bucket: each attribute's peer values and the region's driver
/// importance over every event before that instant. A site evaluates an event of bucket b against the view of bucket b
/// (everything before b started), so its peers and importance are a function of event time alone, whatever the order
/// in which the region's sites were fed or the engines that fed them.
/// </summary>
public sealed class RegionView(
    long bucket, IReadOnlyDictionary<string, FrozenPeers> peers, IReadOnlyDictionary<string, IReadOnlyDictionary<string, PairSums>> pairs,
    IReadOnlyDictionary<string, ImportanceFactor> importance)
{
    public static readonly RegionView Empty = new(
        long.MinValue, new Dictionary<string, FrozenPeers>(), new Dictionary<string, IReadOnlyDictionary<string, PairSums>>(), new Dictionary<string, ImportanceFactor>());

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

    /// <summary>What one site put into this view, to be saved with it (<see cref="ViewShare"/>).</summary>
    public ViewShare ShareOf(string siteId)
    {
        var entries = new Dictionary<string, ViewShareEntry>(StringComparer.Ordinal);
        foreach (var attributeId in peers.Keys.Union(pairs.Keys))
        {
            WindowStats? window = peers.TryGetValue(attributeId, out var frozen) && frozen.Sites.TryGetValue(siteId, out var w) ? w : null;
            PairSums? sitePairs = pairs.TryGetValue(attributeId, out var ofAttribute) && ofAttribute.TryGetValue(siteId, out var p) ? p : null;
            if (window is not null || sitePairs is not null) entries[attributeId] = new ViewShareEntry(window, sitePairs);
        }
        return new ViewShare(Bucket, entries);
    }
}
