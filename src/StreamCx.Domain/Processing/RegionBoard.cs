using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Processing;

/// <summary>
/// What a region (peer group) knows of its sites: each site-attribute's latest window value, for peer comparison,
/// and its (rating, NPS) pair sums, for driver importance. Fed by snapshots; read by every site of the region.
/// Driver importance is re-ranked once the region's pairs changed by 1 % since the last ranking (at every pair while
/// it holds fewer than 100): correlations over thousands of pairs barely move with one more, and ranking at every
/// event was the replay's largest cost. The window means that qualify as peers are kept in ascending order per attribute
/// (<see cref="RegionPeerValues"/>), so a site's peers are a copy of that list less its own mean, already sorted.
/// </summary>
public sealed class RegionBoard(string regionId, DetectionSettings settings)
{
    private readonly Dictionary<string, RegionPeerValues> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, PairSums>> _pairs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PairSums> _pairTotals = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, ImportanceFactor>? _ranking;
    private long _pairsAtRanking;
    private long _pairsChangedSinceRanking;

    public string RegionId { get; } = regionId;

    public void Update(string siteId, string attributeId, WindowStats window, PairSums pairs)
    {
        ValuesOf(attributeId).Set(siteId, window);
        var sitePairs = Of(_pairs, attributeId);
        sitePairs.TryGetValue(siteId, out var previous);
        if (previous == pairs) return;
        sitePairs[siteId] = pairs;
        _pairTotals[attributeId] = (_pairTotals.TryGetValue(attributeId, out var total) ? total : default) - previous + pairs;
        _pairsChangedSinceRanking += Math.Max(1, Math.Abs(pairs.Count - previous.Count));
    }

    /// <summary>Window means of the other sites of the region with enough responses, in ascending order.</summary>
    public IReadOnlyList<double> PeersOf(string siteId, string attributeId) => PeersOf(siteId, attributeId, []);

    /// <summary>The same, into <paramref name="into"/> (cleared first), so a caller can reuse one list.</summary>
    public List<double> PeersOf(string siteId, string attributeId, List<double> into)
    {
        if (_values.TryGetValue(attributeId, out var values)) return values.PeersOf(siteId, into);
        into.Clear();
        return into;
    }

    /// <summary>A copy of what the region knows of one attribute, safe to send to other actors.</summary>
    public RegionSnapshot Snapshot(string attributeId) =>
        new(attributeId,
            _values.TryGetValue(attributeId, out var values) ? new Dictionary<string, WindowStats>(values.Sites, StringComparer.Ordinal) : new Dictionary<string, WindowStats>(),
            ImportanceOf(attributeId));

    public ImportanceFactor? ImportanceOf(string attributeId)
    {
        if (_ranking is null || _pairsChangedSinceRanking >= Math.Max(1, _pairsAtRanking / 100))
        {
            _ranking = DriverImportance.Rank(_pairTotals, settings.MinImportancePairs);
            _pairsAtRanking = 0;
            foreach (var pairs in _pairTotals.Values) _pairsAtRanking += pairs.Count;
            _pairsChangedSinceRanking = 0;
        }
        return _ranking.GetValueOrDefault(attributeId);
    }

    private RegionPeerValues ValuesOf(string attributeId)
    {
        if (!_values.TryGetValue(attributeId, out var values)) _values[attributeId] = values = new RegionPeerValues(settings.MinPeerSampleSize);
        return values;
    }

    private static Dictionary<string, T> Of<T>(Dictionary<string, Dictionary<string, T>> map, string key)
    {
        if (!map.TryGetValue(key, out var inner)) map[key] = inner = new Dictionary<string, T>(StringComparer.Ordinal);
        return inner;
    }
}
