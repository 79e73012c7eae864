using StreamCx.Domain.Contracts;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Processing;

/// <summary>An immutable view of one attribute across a region, handed to each of its sites for peer comparison.</summary>
public sealed record RegionSnapshot(string AttributeId, IReadOnlyDictionary<string, WindowStats> Sites, ImportanceFactor? Importance)
{
    public IReadOnlyList<double> PeersOf(string siteId, int minSampleSize)
    {
        var peers = new List<double>(Sites.Count);
        foreach (var (other, stats) in Sites)
            if (other != siteId && stats.Count >= minSampleSize) peers.Add(stats.Mean);
        return peers;
    }
}
