using System.Globalization;
using StreamCx.Domain.Alerting;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Journeys;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Domain.Channels;

/// <summary>
/// The lifecycle and wording of a channel alert: <c>open</c> when a channel (or touchpoint) is markedly worse than the site's
/// others on an indicator over one of the spans (<see cref="ChannelGap.Opens"/>; the span with the largest z is reported),
/// <c>updated</c> when its gap grows by half the opening gap, <c>resolved</c> when it is back in line over every span
/// (<see cref="ChannelGap.Resolves"/>). Shown under the indicator (the attribute, or <c>nps</c>, <c>csat</c>, <c>ces</c>) at
/// the site. Severity 0.25 + 1.5 × the gap's share of the scale, at most 0.95.
/// </summary>
public sealed class ChannelAlerts(ReferenceCatalog catalog, ChannelSettings settings, TimeProvider clock)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Steps one alert with its readings over each span at hour-end <paramref name="atTicks"/>; adds what must be emitted.</summary>
    /// <param name="readings">Per span (shortest first): the span and the reading there (null: no response on one side).</param>
    /// <param name="values">Every channel's (or touchpoint's) count and mean over a span, by the span's index.</param>
    public void Step(SiteChannels site, (ChannelDimension Dimension, int Value, int Indicator) key, IndicatorDefinition indicator,
        IReadOnlyList<(int Span, ChannelReading? Reading)> readings, Func<int, IReadOnlyList<ChannelValueScore>> values, long atTicks, List<Alert> alerts)
    {
        var best = -1;
        for (var k = 0; k < readings.Count; k++)
            if (readings[k].Reading is { } r && ChannelGap.Opens(r, indicator, settings) && (best < 0 || r.Z > readings[best].Reading!.Z)) best = k;
        site.Alerts.TryGetValue(key, out var state);
        AlertStatus status;
        var reported = best;
        if (state is null || state.Resolved)
        {
            if (best < 0) return;
            state = new ChannelAlertState
            {
                AlertId = AlertIds.For(site.SiteId, $"channel\u0000{Label(key.Dimension)}\u0000{NameOf(site, key)}\u0000{indicator.IndicatorId}", JourneyAlertComposer.At(atTicks)),
                Sequence = 1,
                LastGap = readings[best].Reading!.Gap,
            };
            site.Alerts[key] = state;
            status = AlertStatus.Open;
        }
        else if (readings.All(r => ChannelGap.Resolves(r.Reading, indicator, settings)))
        {
            state.Sequence++;
            state.Resolved = true;
            status = AlertStatus.Resolved;
            reported = readings.Count - 1; // back in line: said over the longest span
        }
        else if (best >= 0 && readings[best].Reading!.Gap >= state.LastGap + (settings.MinGapShare * indicator.Range / 2))
        {
            state.Sequence++;
            state.LastGap = readings[best].Reading!.Gap;
            status = AlertStatus.Updated;
        }
        else return;
        var (span, reading) = readings[reported];
        alerts.Add(Compose(site, key, indicator, state, status, span, reading, values(reported), atTicks));
    }

    private Alert Compose(SiteChannels site, (ChannelDimension Dimension, int Value, int Indicator) key, IndicatorDefinition indicator,
        ChannelAlertState state, AlertStatus status, int span, ChannelReading? r, IReadOnlyList<ChannelValueScore> values, long atTicks)
    {
        var name = NameOf(site, key);
        var factor = new ChannelFactor(
            key.Dimension, name, indicator.IndicatorId, Round(r?.Value.Mean), r?.Value.N ?? 0, Round(r?.OthersTypical),
            r?.Others.N ?? 0, Round(r?.Gap), Round(r?.Z), span, values);
        var severity = status == AlertStatus.Resolved ? 0 : Math.Round(Math.Clamp(0.25 + (1.5 * r!.Gap / indicator.Range), 0.25, 0.95), 3);
        var score = new ScoreSummary(Round(r?.Value.Mean), 0, r?.Value.N ?? 0);
        var explanation = Explain(catalog.Site(site.SiteId).Name, key.Dimension, name, indicator, status, span, r, values);
        return JourneyAlertComposer.Compose(catalog, clock, (state.AlertId, status, state.Sequence), site.SiteId, (indicator.IndicatorId, indicator.Label),
            severity, factor, score, atTicks - TimeSpan.FromHours(span).Ticks, atTicks, explanation);
    }

    private string Explain(string siteName, ChannelDimension dimension, string name, IndicatorDefinition indicator, AlertStatus status,
        int span, ChannelReading? r, IReadOnlyList<ChannelValueScore> values)
    {
        var (on, others) = dimension == ChannelDimension.Channel
            ? ($"on the {name} channel", "the site's other channels")
            : ($"at the {name} touchpoint", "the site's other touchpoints");
        var subject = $"{indicator.Label} at {siteName}";
        if (status == AlertStatus.Resolved)
            return r is null
                ? $"{subject} {on} can no longer be compared with {others}: no response in the last {span} h."
                : $"{subject} {on} is back in line with {others}: {N(r.Value.Mean, indicator)} against {N(r.OthersTypical, indicator)} over the last {span} h.";
        var direction = indicator.HigherIsBetter ? "" : " (higher is more effort)";
        var listed = values.Where(v => v.Count >= settings.MinResponses).Select(v => $"{v.Value} {N(v.Mean, indicator)}").ToList();
        var by = listed.Count > 1 ? $" By {(dimension == ChannelDimension.Channel ? "channel" : "touchpoint")}: {string.Join(", ", listed)}." : "";
        return $"{subject} is markedly worse {on} than on {others}: {N(r!.Value.Mean, indicator)} against {N(r.OthersTypical, indicator)}{direction} "
            + $"over the last {span} h ({r.Value.N} responses against {r.Others.N}, z = {r.Z.ToString("0.#", Invariant)}).{by}";
    }

    private static string NameOf(SiteChannels site, (ChannelDimension Dimension, int Value, int Indicator) key) =>
        key.Dimension == ChannelDimension.Channel ? site.Channels[key.Value] : site.Touchpoints[key.Value];

    private static string Label(ChannelDimension d) => d == ChannelDimension.Channel ? "channel" : "touchpoint";

    /// <summary>NPS and % satisfied in whole points, the others to two decimals.</summary>
    private static string N(double v, IndicatorDefinition indicator) => v.ToString(indicator.Range >= 50 ? "0" : "0.##", Invariant);

    private static double Round(double? v) => v is not { } x || double.IsNaN(x) ? 0 : Math.Round(x, 3);
}
