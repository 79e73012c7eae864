using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Processing;

/// <summary>
/// What a region (peer group) knows of its sites: each site-attribute's latest window value, for peer comparison,
/// and its (rating, NPS) pair sums, for driver importance. Its sites evaluate against a <see cref="RegionView"/>: the
/// board as it stood at the start of the event's bucket (<see cref="ViewAt"/>), so what a site compares itself with
/// depends on event time only. Driver importance is ranked when a view is taken and the pairs changed since the last
/// ranking: at most once per bucket, however many events the region takes. The window means that qualify as peers are
/// kept in ascending order per attribute (<see cref="RegionPeerValues"/>), so a site's peers are a copy of that list
/// less its own mean, already sorted.
/// </summary>
public sealed class RegionBoard(string regionId, DetectionSettings settings)
{
    private readonly Dictionary<string, RegionPeerValues> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, PairSums>> _pairs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PairSums> _pairTotals = new(StringComparer.Ordinal);
    private readonly BucketClock _clock = new(settings.BucketWidth);
    private IReadOnlyDictionary<string, ImportanceFactor>? _ranking;
    private RegionView _view = RegionView.Empty;

    public string RegionId { get; } = regionId;

    public void Update(string siteId, string attributeId, WindowStats window, PairSums pairs)
    {
        ValuesOf(attributeId).Set(siteId, window);
        var sitePairs = Of(_pairs, attributeId);
        sitePairs.TryGetValue(siteId, out var previous);
        if (previous == pairs) return;
        sitePairs[siteId] = pairs;
        _pairTotals[attributeId] = (_pairTotals.TryGetValue(attributeId, out var total) ? total : default) - previous + pairs;
        _ranking = null;
    }

    /// <summary>
    /// The view an event at <paramref name="occurredAt"/> is evaluated against: the board as it stood when the region's
    /// first event of that bucket came (taken then, before that event's own updates). An event of an earlier bucket (a
    /// late one) gets the latest view: views never go back.
    /// </summary>
    public RegionView ViewAt(DateTimeOffset occurredAt)
    {
        var bucket = _clock.IndexOf(occurredAt);
        if (bucket <= _view.Bucket) return _view;
        var peers = new Dictionary<string, FrozenPeers>(_values.Count, StringComparer.Ordinal);
        foreach (var (attributeId, values) in _values) peers[attributeId] = values.Freeze();
        return _view = new RegionView(bucket, peers, Ranking());
    }

    /// <summary>Window means of the other sites of the region with enough responses, in ascending order (the board now).</summary>
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

    /// <summary>The attribute's driver importance over the region's pairs now.</summary>
    public ImportanceFactor? ImportanceOf(string attributeId) => Ranking().GetValueOrDefault(attributeId);

    private IReadOnlyDictionary<string, ImportanceFactor> Ranking() => _ranking ??= DriverImportance.Rank(_pairTotals, settings.MinImportancePairs);

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
