using System.Globalization;
using StreamCx.Domain.Alerting;
using StreamCx.Domain.Complaints;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Incidents;
using StreamCx.Domain.Journeys;
using StreamCx.Domain.Listening;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Domain.Social;

/// <summary>
/// A scope's social alert (<see cref="SurgeLifecycle"/>): opened as soon as its negative mentions accelerate, shown under
/// the pseudo-attribute <c>social</c> at the site, or at the pseudo-site <c>brand</c> for mentions without a site. When the
/// site already has an irritant alerting (<c>spreading</c>), the alert says so and is more severe.
/// </summary>
public sealed class SocialAlerts(ReferenceCatalog catalog, SocialSettings settings, TimeProvider clock, IncidentLookup? incidents = null)
{
    public const string SocialAttributeId = "social";
    public const string SocialAttributeLabel = "Social mentions";
    public const string BrandName = "Brand (all sites)";

    public void Evaluate(MentionSeries series, IReadOnlyList<MentionReading> readings, string? spreading, long atTicks, List<Alert> alerts)
    {
        if (readings.Count == 0) return;
        var acceleration = SocialAcceleration.Acceleration(readings, settings);
        var state = series.Alert;
        var status = SurgeLifecycle.Step(ref state, acceleration?.Count, SocialAcceleration.IsOver(readings, settings),
            () => AlertIds.For(series.Scope, SocialAttributeId, JourneyAlertComposer.At(atTicks)), atTicks);
        if (status is not { } s) return;
        series.Alert = state;
        alerts.Add(Compose(series.Scope, state!, s, acceleration ?? readings.MaxBy(r => r.SpanMinutes)!, s == AlertStatus.Resolved ? null : spreading, atTicks));
    }

    private Alert Compose(string scope, SurgeAlertState state, AlertStatus status, MentionReading r, string? spreading, long atTicks)
    {
        var brand = scope == ListeningTypes.BrandWide;
        var perHour = r.Count * 60.0 / r.SpanMinutes;
        var from = atTicks - TimeSpan.FromMinutes(r.SpanMinutes).Ticks;
        // the site's incidents of any type over the day before: a social burst follows the incident that caused it by hours
        var cited = brand || incidents is null || status == AlertStatus.Resolved
            ? []
            : incidents(scope, null, JourneyAlertComposer.At(atTicks - ComplaintAlerts.CitedSpan.Ticks), JourneyAlertComposer.At(atTicks));
        var factor = r.Factor(brand ? null : scope, spreading, settings) with { Incidents = cited.Count > 0 ? cited : null };
        var severity = status == AlertStatus.Resolved ? 0
            : Math.Round(Math.Clamp(0.35 + (0.1 * Math.Log2(Math.Max(1, r.Ratio))) + (spreading is null ? 0 : 0.25), 0.35, 1), 3);
        var name = brand ? BrandName : catalog.Site(scope).Name;
        var explanation = Explain(name, status, r, perHour, spreading) + IncidentCitation.Sentence(cited);
        var score = new ScoreSummary(Round(perHour), 0, r.Count);
        if (!brand)
            return JourneyAlertComposer.Compose(catalog, clock, (state.AlertId, status, state.Sequence), scope,
                (SocialAttributeId, SocialAttributeLabel), severity, factor, score, from, atTicks, explanation);
        var at = JourneyAlertComposer.At(atTicks);
        return new Alert(state.AlertId, status, state.Sequence, ListeningTypes.BrandWide, BrandName, ListeningTypes.BrandWide, SocialAttributeId,
            SocialAttributeLabel, severity, Severity.LevelOf(severity), [factor], score, at, clock.GetUtcNow(),
            new TimeWindow(JourneyAlertComposer.At(from), at), explanation, []);
    }

    private static string Explain(string name, AlertStatus status, MentionReading r, double perHour, string? spreading)
    {
        if (status == AlertStatus.Resolved)
            return $"Negative social mentions of {name} are back to their usual pace: {r.Count} in the last {r.SpanMinutes} min where {N(r.Expected)} were expected.";
        var spread = spreading is null ? "" : $" Spreading: {spreading} is already alerting there.";
        return $"Negative social mentions of {name} are accelerating: {r.Count} in the last {r.SpanMinutes} min ({N(perHour)} an hour, reach {r.Reach:N0}) "
            + $"where {N(r.Expected)} were expected; so many would happen by chance with probability {r.PValue.ToString("0.#e0", CultureInfo.InvariantCulture)}.{spread}";
    }

    private static double Round(double v) => Math.Round(v, 3);

    private static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
