using StreamCx.Domain.Contracts;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Processing;

/// <summary>An immutable view of one attribute across a region, handed to each of its sites for peer comparison.</summary>
public sealed record RegionSnapshot(string AttributeId, IReadOnlyDictionary<string, WindowStats> Sites, ImportanceFactor? Importance)
{
    /// <summary>The peers' window means into <paramref name="into"/> (cleared first), so a caller can reuse one list.</summary>
    public List<double> PeersOf(string siteId, int minSampleSize, List<double> into) => Collect(Sites, siteId, minSampleSize, into);

    internal static List<double> Collect(IEnumerable<KeyValuePair<string, WindowStats>> sites, string siteId, int minSampleSize, List<double> into)
    {
        into.Clear();
        foreach (var (other, stats) in sites)
            if (other != siteId && stats.Count >= minSampleSize) into.Add(stats.Mean);
        return into;
    }
}
