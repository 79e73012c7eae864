using StreamCx.Domain.Contracts;
using StreamCx.Domain.EventTime;
using StreamCx.Domain.Listening;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Snapshots;

namespace StreamCx.Domain.Channels;

/// <summary>
/// Channels and touchpoints on shared indicators (pure): every feedback event's NPS, CSAT, CES and ratings summed per site,
/// channel × touchpoint and hour of event time (<see cref="SiteChannels"/>); each hour, once closed (every event before its
/// end applied), every site's channels and touchpoints are compared with the site's others over the last
/// <see cref="ChannelSettings.WindowHours"/> (<see cref="ChannelGap"/>, <see cref="ChannelAlerts"/>: the <c>channel</c> factor).
/// <c>replay</c> applies the feedback in <see cref="EventOrder"/> (<see cref="Apply"/>: the hours before an event's hour close
/// as it comes); the engine offers it as it comes (<see cref="Offer"/>) and it waits until the frontier of event time
/// passes it (<see cref="Advance"/>: applied in the same order, then the hours the frontier passed whole close). So both sum in
/// the same order and test the same hours on the same sums: the same alerts, whatever the arrival order.
/// </summary>
public sealed class ChannelProcessor
{
    private readonly FrontierHold<FeedbackEvent> _held = new(e => e.OccurredAt, e => e.EventId);
    private readonly SortedDictionary<string, SiteChannels> _sites = new(StringComparer.Ordinal);
    private readonly ChannelSettings _settings;
    private readonly ReferenceCatalog _catalog;
    private readonly ChannelAlerts _alerts;
    private readonly List<(int Indicator, double Value)> _values = new(16);
    private long? _closedThrough; // the last hour tested; null before the first event
    private long _newestHour = long.MinValue;

    public ChannelProcessor(ReferenceCatalog catalog, ChannelSettings settings, TimeProvider clock)
    {
        (_catalog, _settings) = (catalog, settings);
        Indicators = new SharedIndicators(catalog);
        _alerts = new ChannelAlerts(catalog, settings, clock);
    }

    public SharedIndicators Indicators { get; }

    public ChannelSettings Settings => _settings;

    public long Applied { get; private set; }

    /// <summary>Feedback that arrived behind the frontier (applied at once; its hour may be tested already).</summary>
    public long Late { get; private set; }

    public int Held => _held.Count;

    /// <summary>The hour of event time last tested (null before any feedback).</summary>
    public DateTimeOffset? TestedThrough => _closedThrough is { } h ? new DateTimeOffset((h + 1) * TimeSpan.TicksPerHour, TimeSpan.Zero) : null;

    /// <summary>Applies one event now (the caller gives them in event order): the hours before its hour are tested first.</summary>
    public IReadOnlyList<Alert> Apply(FeedbackEvent e)
    {
        if (!_settings.Enabled) return [];
        var hour = HourOf(e.OccurredAt.UtcTicks);
        var alerts = CloseBefore(hour);
        _closedThrough ??= hour - 1;
        _values.Clear();
        Indicators.Read(e, _values);
        if (_values.Count > 0)
        {
            if (!_sites.TryGetValue(e.SiteId, out var site)) _sites[e.SiteId] = site = new SiteChannels(e.SiteId, _settings.MaxValuesPerSite);
            site.Add(e.Channel, e.Touchpoint, hour, _values);
            _newestHour = Math.Max(_newestHour, hour);
        }
        Applied++;
        return alerts;
    }

    /// <summary>Holds one event until the frontier passes it (applied at once if it already has: late).</summary>
    public IReadOnlyList<Alert> Offer(FeedbackEvent e)
    {
        if (!_settings.Enabled) return [];
        if (_held.IsLate(e))
        {
            Late++;
            return Apply(e);
        }
        _held.Hold(e);
        return [];
    }

    /// <summary>The frontier of event time moved: applies the events it passed, in event order, then tests the hours it passed whole.</summary>
    public IReadOnlyList<Alert> Advance(DateTimeOffset frontier)
    {
        if (!_settings.Enabled || !_held.Advance(frontier)) return [];
        List<Alert>? alerts = null;
        while (_held.TryRelease(out var next))
            if (Apply(next) is { Count: > 0 } emitted) (alerts ??= []).AddRange(emitted);
        // every event at or before the frontier is in: an hour ending one tick after it is complete
        if (CloseBefore(HourOf(_held.Frontier + 1)) is { Count: > 0 } closed) (alerts ??= []).AddRange(closed);
        return alerts ?? (IReadOnlyList<Alert>)[];
    }

    /// <summary>Tests the hours before the hour of <paramref name="at"/> (replay's end: up to its newest message of any type).</summary>
    public IReadOnlyList<Alert> CloseBefore(DateTimeOffset at) => _settings.Enabled ? CloseBefore(HourOf(at.UtcTicks)) : [];

    private List<Alert> CloseBefore(long hour)
    {
        var alerts = new List<Alert>();
        if (_closedThrough is not { } closed) return alerts;
        for (var h = closed + 1; h < hour; h++)
        {
            if (_sites.Values.All(s => s.IsIdle)) break; // nothing to test: the quiet hours are skipped
            Test(h, alerts);
            _closedThrough = h;
        }
        _closedThrough = Math.Max(_closedThrough.Value, hour - 1);
        return alerts;
    }

    /// <summary>Every site's channels and touchpoints compared with its others over each span ending with hour <paramref name="hour"/>.</summary>
    private void Test(long hour, List<Alert> alerts)
    {
        var spans = _settings.Spans;
        var atTicks = (hour + 1) * TimeSpan.TicksPerHour;
        foreach (var site in _sites.Values)
        {
            site.Prune(hour - _settings.WindowHours + 1);
            var margins = new SortedDictionary<int, IndicatorMargins>[spans.Count];
            for (var k = 0; k < spans.Count; k++) margins[k] = site.Margins(hour - spans[k] + 1, hour);
            var longest = margins[^1];
            foreach (var i in longest.Keys)
            {
                TestDimension(site, ChannelDimension.Channel, i, margins, m => (m.ByChannel, m.Total), site.Channels, atTicks, alerts);
                TestDimension(site, ChannelDimension.Touchpoint, i, margins, m => (m.ByTouchpoint, m.WithTouchpoint), site.Touchpoints, atTicks, alerts);
            }
            // open alerts whose indicator has no response left in the window: resolved
            foreach (var (key, state) in site.Alerts.Where(a => !a.Value.Resolved && !longest.ContainsKey(a.Key.Indicator)).ToList())
                _alerts.Step(site, key, Indicators[key.Indicator], [.. spans.Select(s => (s, (ChannelReading?)null))], _ => [], atTicks, alerts);
        }
    }

    private void TestDimension(SiteChannels site, ChannelDimension dimension, int indicatorIndex, SortedDictionary<int, IndicatorMargins>[] margins,
        Func<IndicatorMargins, (Moments[] ByValue, Moments All)> select, IReadOnlyList<string> names, long atTicks, List<Alert> alerts)
    {
        var indicator = Indicators[indicatorIndex];
        var spans = _settings.Spans;
        var longest = select(margins[^1][indicatorIndex]).ByValue;
        for (var v = 0; v < longest.Length; v++)
        {
            var key = (dimension, v, indicatorIndex);
            var open = site.Alerts.TryGetValue(key, out var state) && !state.Resolved;
            if (!open && longest[v].N < _settings.MinResponses) continue;
            var readings = new (int Span, ChannelReading? Reading)[spans.Count];
            for (var k = 0; k < spans.Count; k++)
            {
                var (byValue, all) = margins[k].TryGetValue(indicatorIndex, out var m) ? select(m) : ([], default);
                var value = v < byValue.Length ? byValue[v] : default;
                readings[k] = (spans[k], ChannelGap.Read(value, all.Minus(value), byValue.Where((_, o) => o != v), indicator, _settings));
            }
            _alerts.Step(site, key, indicator, readings,
                k => margins[k].TryGetValue(indicatorIndex, out var m) ? Scores(select(m).ByValue, names) : [], atTicks, alerts);
        }
    }

    /// <summary>Each value's count and mean, by name.</summary>
    private static ChannelValueScore[] Scores(Moments[] byValue, IReadOnlyList<string> names) =>
    [
        .. byValue.Select((m, v) => (m, v)).Where(x => x.m.N > 0)
            .Select(x => new ChannelValueScore(names[x.v], x.m.N, Math.Round(x.m.Mean, 3)))
            .OrderBy(v => v.Value, StringComparer.Ordinal),
    ];

    /// <summary>
    /// The indicators of a site (or of every site of a region, summed) per channel, per touchpoint and per cell over the last
    /// <paramref name="hours"/> up to the newest hour applied (at most the window): what the page and the API show.
    /// </summary>
    public ChannelView View(string? regionId, string? siteId, int hours) =>
        ChannelViews.Build(this, _sites.Values.Where(s => siteId is null ? _catalog.TryGetSite(s.SiteId, out var site) && site.RegionId == regionId : s.SiteId == siteId),
            Math.Min(hours, _settings.WindowHours), _newestHour);

    /// <summary>Everything this processor holds, as plain data; the held feedback in the order it will go.</summary>
    public ChannelProcessorSnapshot Capture() => new(
        [.. _sites.Values.Select(s => s.Capture(Indicators))],
        [.. _held.InOrder().Select(h => new HeldFeedback(h.Arrival, h.Message))],
        _held.FrontierTime, _held.Arrivals, _closedThrough, _newestHour == long.MinValue ? null : _newestHour, Applied, Late);

    /// <summary>Puts a captured state back into a processor that has taken nothing yet (same catalog and settings).</summary>
    public void Restore(ChannelProcessorSnapshot snapshot)
    {
        if (Applied > 0 || _held.Count > 0 || _held.FrontierTime is not null || _sites.Count > 0)
            throw new InvalidOperationException("a channels state can only be restored into a processor that has taken nothing yet");
        foreach (var site in snapshot.Sites) _sites[site.SiteId] = SiteChannels.Restore(site, Indicators, _settings.MaxValuesPerSite);
        _held.Restore(snapshot.Held.Select(h => (h.Event, h.Arrival)), snapshot.Frontier, snapshot.Arrivals);
        _closedThrough = snapshot.ClosedThroughHour;
        _newestHour = snapshot.NewestHour ?? long.MinValue;
        (Applied, Late) = (snapshot.Applied, snapshot.Late);
    }

    private static long HourOf(long utcTicks) => utcTicks / TimeSpan.TicksPerHour;
}
