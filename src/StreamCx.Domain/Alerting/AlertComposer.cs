using StreamCx.Domain.Contracts;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Domain.Alerting;

/// <summary>Builds the published <see cref="Alert"/> from a lifecycle decision and the attribute's context.</summary>
public static class AlertComposer
{
    public static Alert Compose(
        AlertDecision d, Site site, AttributeDefinition attribute, ScoreSummary score, TimeWindow window,
        IReadOnlyList<Verbatim> verbatims, DateTimeOffset emittedAt)
    {
        var factors = d.Signals.Select(s => s.Factor).ToList();
        if (d.Importance is not null) factors.Add(d.Importance);
        return new Alert(
            d.AlertId, d.Status, d.Sequence, site.SiteId, site.Name, site.RegionId, attribute.AttributeId, attribute.Label,
            d.Severity, d.Level, factors, score, d.RaisedAt, emittedAt, window,
            ExplanationWriter.Write(d, site, attribute, score), verbatims);
    }
}
