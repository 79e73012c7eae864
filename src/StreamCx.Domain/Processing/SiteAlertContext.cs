using StreamCx.Domain.Contracts;
using StreamCx.Domain.Incidents;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Units;

namespace StreamCx.Domain.Processing;

/// <summary>
/// What a site alert that is not resolved says of its site beside its factors, from the site's own state at the event time
/// it is evaluated at: the incidents at the site bearing on its attribute in the <see cref="CitedSpan"/> before — by the
/// incident catalog, or by the correlation measured in its region (<see cref="IncidentCorrelation"/>) — in
/// <see cref="Alert.Incidents"/> and the explanation, "Incidents at the site: 3 delivery-delay incidents since 14:00 UTC,
/// 95 minutes late on average." — and the units that make its drop (<see cref="DropUnits"/>).
/// </summary>
public static class SiteAlertContext
{
    /// <summary>Incidents cited: those of the day before (an incident precedes the drop it causes by hours).</summary>
    public static readonly TimeSpan CitedSpan = TimeSpan.FromDays(1);

    /// <param name="measured">The incident types measured bearing on the alert's attribute in the region (asked only when the site has an incident the catalog does not tie to it).</param>
    public static Alert Add(Alert alert, SiteIntake intake, ListeningCatalog catalog, DateTimeOffset at, Func<IReadOnlyList<IncidentAttributeCorrelation>>? measured = null)
    {
        if (alert.Status == AlertStatus.Resolved) return alert;
        var cited = IncidentCitation.For(intake.Incidents, catalog, alert.AttributeId, at - CitedSpan, at, measured);
        if (cited.Count > 0) alert = alert with { Incidents = cited, Explanation = alert.Explanation + IncidentCitation.Sentence(cited) };
        return DropUnits.Name(alert, intake.Units);
    }
}
