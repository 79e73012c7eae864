using StreamCx.Domain.Contracts;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Processing;

/// <summary>An immutable view of one attribute across a region, handed to each of its sites for peer comparison.</summary>
public sealed record RegionSnapshot(string AttributeId, IReadOnlyDictionary<string, WindowStats> Sites, ImportanceFactor? Importance)
{
    /// <summary>
    /// The window means of the other sites with at least <paramref name="minSampleSize"/> responses, in ascending order
    /// (as <see cref="RegionBoard.PeersOf(string, string, List{double})"/> gives them), into <paramref name="into"/>
    /// (cleared first), so a caller can reuse one list.
    /// </summary>
    public List<double> PeersOf(string siteId, int minSampleSize, List<double> into)
    {
        into.Clear();
        foreach (var (other, stats) in Sites)
            if (other != siteId && stats.Count >= minSampleSize) into.Add(stats.Mean);
        into.Sort();
        return into;
    }
}
