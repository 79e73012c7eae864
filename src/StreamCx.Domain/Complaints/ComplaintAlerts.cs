using StreamCx.Domain.Alerting;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Incidents;
using StreamCx.Domain.Journeys;
using StreamCx.Domain.Listening;
using StreamCx.Domain.ReferenceData;
using System.Globalization;

namespace StreamCx.Domain.Complaints;

/// <summary>
/// A reason's surge alert at a site: <c>open</c> when its count surges (<see cref="ComplaintSurge"/>), <c>updated</c> when
/// the reported count grows by half, <c>resolved</c> once no span is surprising any more; then a new surge opens a new
/// alert. Shown under the attribute the reason bears on (when the attribute catalog has it), else under <c>complaints</c>.
/// </summary>
public sealed class ComplaintAlerts(ReferenceCatalog catalog, ComplaintSettings settings, TimeProvider clock, IncidentLookup? incidents, ISurgeWording wording)
{
    public const string ComplaintsAttributeId = "complaints";
    public const string ComplaintsAttributeLabel = "Complaints";

    /// <summary>Incidents cited: those of the day before the emission (an incident precedes the complaints it causes by hours).</summary>
    public static readonly TimeSpan CitedSpan = TimeSpan.FromDays(1);

    public void Evaluate(SiteComplaints site, string reasonId, IReadOnlyList<SurgeReading> readings, long atTicks, List<Alert> alerts)
    {
        if (readings.Count == 0) return;
        var surge = ComplaintSurge.Surge(readings, settings);
        var state = site.Alerts.GetValueOrDefault(reasonId);
        var status = SurgeLifecycle.Step(ref state, surge?.Count, ComplaintSurge.IsOver(readings, settings),
            () => AlertIds.For(site.SiteId, wording.AlertKey(reasonId), JourneyAlertComposer.At(atTicks)), atTicks);
        if (status is not { } s) return;
        site.Alerts[reasonId] = state!;
        alerts.Add(Compose(site.SiteId, reasonId, state!, s, surge ?? readings.MaxBy(r => r.SpanHours)!, atTicks));
    }

    private Alert Compose(string siteId, string key, SurgeAlertState state, AlertStatus status, SurgeReading r, long atTicks)
    {
        var from = atTicks - (r.SpanHours * TimeSpan.TicksPerHour);
        var cited = incidents is null || status == AlertStatus.Resolved || wording.CitedAttribute(key) is not { } bearing
            ? []
            : incidents(siteId, bearing, JourneyAlertComposer.At(atTicks - CitedSpan.Ticks), JourneyAlertComposer.At(atTicks));
        var severity = status == AlertStatus.Resolved ? 0 : Math.Round(Math.Clamp(0.3 + (0.15 * Math.Log2(Math.Max(1, r.Ratio))), 0.3, 0.95), 3);
        return JourneyAlertComposer.Compose(
            catalog, clock, (state.AlertId, status, state.Sequence), siteId, wording.Attribute(key), severity, wording.Factor(key, r, cited),
            new ScoreSummary(SurgeNumbers.Round(r.Count / (double)r.SpanHours), 0, r.Count),
            from, atTicks, Explain(wording.Subject(key, catalog.Site(siteId).Name), status, r) + (status == AlertStatus.Resolved ? "" : wording.Consequence(key))
                + IncidentCitation.Sentence(cited));
    }

    private static string Explain(string what, AlertStatus status, SurgeReading r)
    {
        if (status == AlertStatus.Resolved)
            return $"{what} are back to their usual rate: {r.Count} in the last {r.SpanHours} h where {SurgeNumbers.N(r.Expected)} were expected.";
        var peers = r.PeersPerHour is { } p ? $", {SurgeNumbers.N(p * 24)} a day at its {r.PeerCount} peers" : "";
        return $"{what} surged: {r.Count} in the last {r.SpanHours} h where {SurgeNumbers.N(r.Expected)} were expected (usually {SurgeNumbers.N(r.OwnPerHour * 24)} a day here{peers}); "
            + $"so many would happen by chance with probability {r.PValue.ToString("0.#e0", CultureInfo.InvariantCulture)}.";
    }
}
