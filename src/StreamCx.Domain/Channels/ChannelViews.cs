using StreamCx.Domain.Contracts;

namespace StreamCx.Domain.Channels;

/// <summary>
/// The indicators of one site, or of a region's sites summed, per channel, per touchpoint and per channel × touchpoint, each
/// value with its gap to the others (positive = worse) and whether it is markedly worse now (<see cref="ChannelGap.Opens"/>).
/// </summary>
public static class ChannelViews
{
    public static ChannelView Build(ChannelProcessor processor, IEnumerable<SiteChannels> sites, int hours, long newestHour)
    {
        if (newestHour == long.MinValue) return new ChannelView(hours, null, null, []);
        var from = newestHour - hours + 1;
        var byIndicator = new SortedDictionary<int, Dictionary<(string Channel, string? Touchpoint), Moments>>();
        foreach (var site in sites)
            foreach (var (i, m) in site.Margins(from, newestHour))
            {
                if (!byIndicator.TryGetValue(i, out var cells)) byIndicator[i] = cells = [];
                foreach (var ((c, t), sums) in m.Cells)
                {
                    var key = (site.Channels[c], t == SiteChannels.NoTouchpoint ? null : site.Touchpoints[t]);
                    cells[key] = cells.GetValueOrDefault(key).Plus(sums);
                }
            }
        var indicators = byIndicator.Select(kv => Of(processor.Indicators[kv.Key], kv.Value, processor.Settings)).ToList();
        return new ChannelView(hours, At(from), At(newestHour + 1), indicators);
    }

    private static IndicatorChannels Of(IndicatorDefinition indicator, Dictionary<(string Channel, string? Touchpoint), Moments> cells, ChannelSettings s)
    {
        var total = cells.Values.Aggregate(default(Moments), (a, m) => a.Plus(m));
        var withTouchpoint = cells.Where(c => c.Key.Touchpoint is not null).Aggregate(default(Moments), (a, c) => a.Plus(c.Value));
        IReadOnlyList<ChannelValueView> Margin(Func<(string Channel, string? Touchpoint), string?> valueOf, Moments all)
        {
            var values = cells.Where(c => valueOf(c.Key) is not null).GroupBy(c => valueOf(c.Key)!, StringComparer.Ordinal)
                .Select(g => (g.Key, Sums: g.Aggregate(default(Moments), (a, c) => a.Plus(c.Value))))
                .OrderBy(v => v.Key, StringComparer.Ordinal).ToList();
            return [.. values.Select(v =>
            {
                var reading = ChannelGap.Read(v.Sums, all.Minus(v.Sums), values.Where(o => o.Key != v.Key).Select(o => o.Sums), indicator, s);
                return new ChannelValueView(v.Key, v.Sums.N, Round(v.Sums.Mean),
                    reading is null ? null : Round(reading.Gap), reading is not null && ChannelGap.Opens(reading, indicator, s));
            })];
        }

        return new IndicatorChannels(
            indicator.IndicatorId, indicator.Label, indicator.Min, indicator.Max, indicator.HigherIsBetter, total.N, Round(total.Mean),
            Margin(k => k.Channel, total), Margin(k => k.Touchpoint, withTouchpoint),
            [.. cells.OrderBy(c => c.Key.Channel, StringComparer.Ordinal).ThenBy(c => c.Key.Touchpoint, StringComparer.Ordinal)
                .Select(c => new ChannelCellView(c.Key.Channel, c.Key.Touchpoint, c.Value.N, Round(c.Value.Mean)))]);
    }

    private static DateTimeOffset At(long hour) => new(hour * TimeSpan.TicksPerHour, TimeSpan.Zero);

    private static double Round(double v) => Math.Round(v, 2);
}

/// <summary>A site's or region's indicators over <see cref="Hours"/> hours of event time, from <see cref="From"/> to <see cref="To"/> (null: no feedback yet).</summary>
public sealed record ChannelView(int Hours, DateTimeOffset? From, DateTimeOffset? To, IReadOnlyList<IndicatorChannels> Indicators);

/// <summary>One indicator: its scale and direction, its overall mean, and per channel, touchpoint and cell.</summary>
public sealed record IndicatorChannels(
    string IndicatorId, string Label, double Min, double Max, bool HigherIsBetter, int Responses, double Mean,
    IReadOnlyList<ChannelValueView> ByChannel, IReadOnlyList<ChannelValueView> ByTouchpoint, IReadOnlyList<ChannelCellView> Cells);

/// <summary>A channel or touchpoint: responses, mean, gap to the others (positive = worse) and whether it is markedly worse.</summary>
public sealed record ChannelValueView(string Value, int Responses, double Mean, double? GapToOthers, bool MarkedlyWorse);

/// <summary>One channel × touchpoint cell (touchpoint null: responses that named none).</summary>
public sealed record ChannelCellView(string Channel, string? Touchpoint, int Responses, double Mean);
