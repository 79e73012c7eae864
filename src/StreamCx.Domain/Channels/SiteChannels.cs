using StreamCx.Domain.Snapshots;

namespace StreamCx.Domain.Channels;

/// <summary>
/// One site's indicators per channel × touchpoint, by hour of event time (<see cref="HourlySums"/>), and its open channel
/// alerts. Channel and touchpoint values are kept as given, at most <see cref="ChannelSettings.MaxValuesPerSite"/> of each;
/// more count under <see cref="Other"/>. A response without a touchpoint counts for its channel only.
/// </summary>
public sealed class SiteChannels(string siteId, int maxValues)
{
    public const string Other = "(other)";
    public const int NoTouchpoint = -1;

    private readonly Dictionary<(int Indicator, int Channel, int Touchpoint), HourlySums> _cells = [];
    private readonly List<string> _channels = [];
    private readonly List<string> _touchpoints = [];

    public string SiteId { get; } = siteId;

    public IReadOnlyList<string> Channels => _channels;

    public IReadOnlyList<string> Touchpoints => _touchpoints;

    /// <summary>Open (and last resolved) alerts by dimension, value index and indicator.</summary>
    public Dictionary<(Contracts.ChannelDimension Dimension, int Value, int Indicator), ChannelAlertState> Alerts { get; } = [];

    public bool IsIdle => _cells.Count == 0 && Alerts.Values.All(a => a.Resolved);

    public void Add(string channel, string? touchpoint, long hour, List<(int Indicator, double Value)> values)
    {
        var c = IndexOf(_channels, channel);
        var t = touchpoint is null ? NoTouchpoint : IndexOf(_touchpoints, touchpoint);
        foreach (var (indicator, value) in values)
        {
            if (!_cells.TryGetValue((indicator, c, t), out var sums)) _cells[(indicator, c, t)] = sums = new HourlySums();
            sums.Add(hour, value);
        }
    }

    /// <summary>Drops the hours before <paramref name="oldest"/>, and cells left empty.</summary>
    public void Prune(long oldest)
    {
        List<(int, int, int)>? empty = null;
        foreach (var (key, sums) in _cells)
        {
            sums.Prune(oldest);
            if (sums.IsEmpty) (empty ??= []).Add(key);
        }
        foreach (var key in empty ?? []) _cells.Remove(key);
    }

    /// <summary>Every indicator's sums over hours <paramref name="from"/> to <paramref name="to"/>: per cell, per channel, per touchpoint.</summary>
    public SortedDictionary<int, IndicatorMargins> Margins(long from, long to)
    {
        var margins = new SortedDictionary<int, IndicatorMargins>();
        foreach (var ((indicator, c, t), sums) in _cells)
        {
            var m = sums.Over(from, to);
            if (m.N == 0) continue;
            if (!margins.TryGetValue(indicator, out var im)) margins[indicator] = im = new IndicatorMargins(_channels.Count, _touchpoints.Count);
            im.Add(c, t, m);
        }
        return margins;
    }

    public SiteChannelsSnapshot Capture(SharedIndicators indicators) => new(
        SiteId, [.. _channels], [.. _touchpoints],
        [.. _cells.OrderBy(c => c.Key).Select(c => new ChannelCellSnapshot(
            indicators[c.Key.Indicator].IndicatorId, c.Key.Channel, c.Key.Touchpoint,
            [.. c.Value.Hours.Select(h => new HourSums(h.Hour, h.Sums.N, h.Sums.Sum, h.Sums.SumSquares))]))],
        [.. Alerts.OrderBy(a => a.Key).Select(a => new ChannelAlertSnapshot(
            a.Key.Dimension, a.Key.Value, indicators[a.Key.Indicator].IndicatorId, a.Value.AlertId, a.Value.Sequence, a.Value.LastGap, a.Value.Resolved))]);

    /// <summary>A site as captured; what bears on an indicator the catalog no longer has is dropped.</summary>
    public static SiteChannels Restore(SiteChannelsSnapshot snapshot, SharedIndicators indicators, int maxValues)
    {
        var site = new SiteChannels(snapshot.SiteId, maxValues);
        site._channels.AddRange(snapshot.Channels);
        site._touchpoints.AddRange(snapshot.Touchpoints);
        foreach (var cell in snapshot.Cells)
            if (indicators.TryIndexOf(cell.IndicatorId, out var i))
                site._cells[(i, cell.Channel, cell.Touchpoint)] = HourlySums.Of(cell.Hours.Select(h => (h.Hour, new Moments(h.N, h.Sum, h.SumSquares))));
        foreach (var a in snapshot.Alerts)
            if (indicators.TryIndexOf(a.IndicatorId, out var i))
                site.Alerts[(a.Dimension, a.Value, i)] = new ChannelAlertState { AlertId = a.AlertId, Sequence = a.Sequence, LastGap = a.LastGap, Resolved = a.Resolved };
        return site;
    }

    private int IndexOf(List<string> values, string value)
    {
        var i = values.IndexOf(value);
        if (i >= 0) return i;
        if (values.Count >= maxValues - 1 && value != Other)
        {
            var other = values.IndexOf(Other);
            if (other >= 0) return other;
            value = Other; // the last slot: every further value counts here
        }
        values.Add(value);
        return values.Count - 1;
    }
}

/// <summary>One indicator's sums at a site over a window: in total, per channel, per touchpoint (responses with one), per cell.</summary>
public sealed class IndicatorMargins(int channels, int touchpoints)
{
    public Moments Total { get; private set; }

    public Moments[] ByChannel { get; } = new Moments[channels];

    public Moments[] ByTouchpoint { get; } = new Moments[touchpoints];

    /// <summary>Responses that name a touchpoint: what a touchpoint is compared with.</summary>
    public Moments WithTouchpoint { get; private set; }

    public Dictionary<(int Channel, int Touchpoint), Moments> Cells { get; } = [];

    public void Add(int channel, int touchpoint, Moments m)
    {
        Total = Total.Plus(m);
        ByChannel[channel] = ByChannel[channel].Plus(m);
        if (touchpoint != SiteChannels.NoTouchpoint)
        {
            ByTouchpoint[touchpoint] = ByTouchpoint[touchpoint].Plus(m);
            WithTouchpoint = WithTouchpoint.Plus(m);
        }
        Cells[(channel, touchpoint)] = m;
    }
}
