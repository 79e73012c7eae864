using System.Runtime.InteropServices;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Processing;

/// <summary>
/// One attribute across a region: each site's latest peer-window stats, and the window means of the sites with enough
/// responses kept in ascending order, so that a site's peers are that list less its own mean — no walk of the
/// dictionary and no sort per evaluation.
/// </summary>
/// <remarks>
/// Why the kept list is right: it holds exactly the means of the entries of <see cref="Sites"/> that have at least the
/// minimum sample size, because <see cref="Set"/> is the only way an entry changes and it removes the entry's old mean
/// (when it counted) before adding its new one (when it counts). Leaving out one value equal to the site's own mean
/// leaves the same multiset as leaving out the site, and the peer comparison only depends on that multiset.
/// </remarks>
internal sealed class RegionPeerValues(int minSampleSize)
{
    private readonly List<double> _sortedMeans = [];
    private FrozenPeers? _frozen;

    public Dictionary<string, WindowStats> Sites { get; } = new(StringComparer.Ordinal);

    public void Set(string siteId, WindowStats window)
    {
        ref var stored = ref CollectionsMarshal.GetValueRefOrAddDefault(Sites, siteId, out var existed);
        if (existed)
        {
            if (stored == window) return;
            if (Counts(stored)) _sortedMeans.RemoveAt(_sortedMeans.BinarySearch(stored.Mean));
        }
        stored = window;
        _frozen = null;
        if (Counts(window))
        {
            var at = _sortedMeans.BinarySearch(window.Mean);
            _sortedMeans.Insert(at < 0 ? ~at : at, window.Mean);
        }
    }

    public void Remove(string siteId)
    {
        if (!Sites.Remove(siteId, out var stored)) return;
        _frozen = null;
        if (Counts(stored)) _sortedMeans.RemoveAt(_sortedMeans.BinarySearch(stored.Mean));
    }

    /// <summary>The window means of the other sites with enough responses, in ascending order, into <paramref name="into"/> (cleared first).</summary>
    public List<double> PeersOf(string siteId, List<double> into) =>
        FrozenPeers.PeersOf(CollectionsMarshal.AsSpan(_sortedMeans), Sites.TryGetValue(siteId, out var own) && Counts(own), own.Mean, into);

    /// <summary>An unchanging copy of what the region knows of the attribute now (the same copy until it changes).</summary>
    public FrozenPeers Freeze() => _frozen ??= new FrozenPeers([.. _sortedMeans], new Dictionary<string, WindowStats>(Sites, StringComparer.Ordinal), minSampleSize);

    private bool Counts(WindowStats stats) => stats.Count >= minSampleSize;
}

/// <summary>One attribute across a region at one point of event time: what a <see cref="RegionView"/> holds of it.</summary>
public sealed class FrozenPeers(double[] sortedMeans, IReadOnlyDictionary<string, WindowStats> sites, int minSampleSize)
{
    public IReadOnlyDictionary<string, WindowStats> Sites => sites;

    /// <summary>The window means of the other sites with enough responses, in ascending order, into <paramref name="into"/> (cleared first).</summary>
    public List<double> PeersOf(string siteId, List<double> into) =>
        PeersOf(sortedMeans, sites.TryGetValue(siteId, out var own) && own.Count >= minSampleSize, own.Mean, into);

    internal static List<double> PeersOf(ReadOnlySpan<double> sortedMeans, bool skipOwn, double ownMean, List<double> into)
    {
        into.Clear();
        var skip = skipOwn;
        foreach (var mean in sortedMeans)
        {
            if (skip && mean.Equals(ownMean)) skip = false;
            else into.Add(mean);
        }
        return into;
    }
}
