using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Snapshots;
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
    private readonly BucketClock _clock = new(settings.BucketWidth);
    private IReadOnlyDictionary<string, ImportanceFactor>? _ranking;
    private RegionView _view = RegionView.Empty;
    private RegionView? _latest;
    private bool _lateSinceView;
    private long _version;
    private long _latestVersion;

    public string RegionId { get; } = regionId;

    public void Update(string siteId, string attributeId, WindowStats window, PairSums pairs)
    {
        _version++;
        ValuesOf(attributeId).Set(siteId, window);
        var sitePairs = Of(_pairs, attributeId);
        sitePairs.TryGetValue(siteId, out var previous);
        if (previous == pairs) return;
        sitePairs[siteId] = pairs;
        _ranking = null;
    }

    /// <summary>Takes a site out of the board (it moved to another owner); the views already taken keep it.</summary>
    public void Remove(string siteId)
    {
        _version++;
        foreach (var values in _values.Values) values.Remove(siteId);
        foreach (var sitePairs in _pairs.Values)
        {
            if (sitePairs.Remove(siteId)) _ranking = null;
        }
    }

    /// <summary>
    /// The view an event at <paramref name="occurredAt"/> is evaluated against: the board as it stood when the region's
    /// first event of that bucket came (taken then, before that event's own updates). An event of an earlier bucket (one
    /// that came after the region had moved on) gets what the region knows now (<see cref="Latest"/>): views never go back;
    /// and since what such an event brings belongs before the current bucket, the current bucket's view is taken again at
    /// the next event (so a late arrival is seen as replay would have seen it, had it come in time).
    /// </summary>
    public RegionView ViewAt(DateTimeOffset occurredAt)
    {
        var bucket = _clock.IndexOf(occurredAt);
        if (bucket == _view.Bucket && !_lateSinceView) return _view;
        if (bucket < _view.Bucket) return Latest(); // the region has moved on: its view of that bucket is gone
        var peers = new Dictionary<string, FrozenPeers>(_values.Count, StringComparer.Ordinal);
        foreach (var (attributeId, values) in _values) peers[attributeId] = values.Freeze();
        var pairs = new Dictionary<string, IReadOnlyDictionary<string, PairSums>>(_pairs.Count, StringComparer.Ordinal);
        foreach (var (attributeId, sitePairs) in _pairs) pairs[attributeId] = new Dictionary<string, PairSums>(sitePairs, StringComparer.Ordinal);
        _lateSinceView = false;
        return _view = new RegionView(bucket, peers, pairs, Ranking());
    }

    /// <summary>
    /// What the region knows now, for an event that arrived behind the frontier of event time (late for its own input):
    /// the view of its bucket is gone, and the latest one may predate what the region took in since; the board as it is
    /// now is the most it can compare it with. Taken afresh when the board changed since.
    /// </summary>
    public RegionView Latest()
    {
        _lateSinceView = true; // what it brings belongs before the current view's bucket: the view is taken again when next asked
        if (_latest is { } latest && _latestVersion == _version) return latest;
        var peers = new Dictionary<string, FrozenPeers>(_values.Count, StringComparer.Ordinal);
        foreach (var (attributeId, values) in _values) peers[attributeId] = values.Freeze();
        _latestVersion = _version;
        return _latest = new RegionView(_view.Bucket, peers, new Dictionary<string, IReadOnlyDictionary<string, PairSums>>(), Ranking());
    }

    /// <summary>The view the region's sites evaluate against now (until an event of a later bucket comes).</summary>
    public RegionView CurrentView => _view;

    /// <summary>
    /// Puts back the view of a restarted region from what each site put into it (<see cref="RegionView.ShareOf"/>): the
    /// shares of the newest bucket as saved, and for a site saved before that bucket started, its restored values (it
    /// had not changed since, or it would have been saved again).
    /// </summary>
    public void RestoreView(IReadOnlyDictionary<string, ViewShare?> shares)
    {
        var bucket = shares.Values.Select(s => s?.Bucket ?? long.MinValue).DefaultIfEmpty(long.MinValue).Max();
        if (bucket == long.MinValue) return;
        var values = new Dictionary<string, RegionPeerValues>(StringComparer.Ordinal);
        var pairs = new Dictionary<string, Dictionary<string, PairSums>>(StringComparer.Ordinal);
        foreach (var (siteId, share) in shares)
        {
            if (share is { } saved && saved.Bucket == bucket)
            {
                foreach (var (attributeId, entry) in saved.Attributes)
                {
                    if (entry.Window is { } w) (values.TryGetValue(attributeId, out var v) ? v : values[attributeId] = new RegionPeerValues(settings.MinPeerSampleSize)).Set(siteId, w);
                    if (entry.Pairs is { } p) Of(pairs, attributeId)[siteId] = p;
                }
                continue;
            }
            foreach (var (attributeId, current) in _values)
            {
                if (current.Sites.TryGetValue(siteId, out var w)) (values.TryGetValue(attributeId, out var v) ? v : values[attributeId] = new RegionPeerValues(settings.MinPeerSampleSize)).Set(siteId, w);
            }
            foreach (var (attributeId, sitePairs) in _pairs)
            {
                if (sitePairs.TryGetValue(siteId, out var p)) Of(pairs, attributeId)[siteId] = p;
            }
        }
        var frozen = values.ToDictionary(kv => kv.Key, kv => kv.Value.Freeze(), StringComparer.Ordinal);
        _view = new RegionView(bucket, frozen, pairs.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, PairSums>)kv.Value, StringComparer.Ordinal),
            DriverImportance.Rank(Totals(pairs), settings.MinImportancePairs));
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

    /// <summary>The attribute's driver importance over the region's pairs now.</summary>
    public ImportanceFactor? ImportanceOf(string attributeId) => Ranking().GetValueOrDefault(attributeId);

    /// <summary>
    /// Ranks the region's attributes by their pairs summed over the sites in site-id order, so the same pairs give the
    /// very same weights however the board was filled (event by event, or restored from snapshots).
    /// </summary>
    private IReadOnlyDictionary<string, ImportanceFactor> Ranking()
    {
        return _ranking ??= DriverImportance.Rank(Totals(_pairs), settings.MinImportancePairs);
    }

    private static Dictionary<string, PairSums> Totals(Dictionary<string, Dictionary<string, PairSums>> pairs)
    {
        var totals = new Dictionary<string, PairSums>(pairs.Count, StringComparer.Ordinal);
        foreach (var (attributeId, sitePairs) in pairs)
        {
            var total = default(PairSums);
            foreach (var siteId in sitePairs.Keys.Order(StringComparer.Ordinal)) total += sitePairs[siteId];
            totals[attributeId] = total;
        }
        return totals;
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
