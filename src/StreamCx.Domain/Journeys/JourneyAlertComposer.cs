using StreamCx.Domain.Alerting;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Domain.Journeys;

/// <summary>
/// Journey and account alerts in the one alert contract: shown at the journey's (account's) site, under the
/// pseudo-attribute <c>journey</c> (<c>account</c>), their numbers in a <see cref="WatermelonFactor"/> or <see cref="DivergenceFactor"/>.
/// </summary>
public static class JourneyAlertComposer
{
    public const string JourneyAttributeId = "journey";
    public const string JourneyAttributeLabel = "Customer journey";
    public const string AccountAttributeId = "account";
    public const string AccountAttributeLabel = "B2B account";

    /// <summary>Scores at or below this (0..10) count as dissatisfied, as NPS detractors do.</summary>
    public const double DissatisfiedAtOrBelow = 6;

    public static Alert Compose(
        ReferenceCatalog catalog, TimeProvider clock, (string Id, AlertStatus Status, int Sequence) alert, string siteId,
        (string Id, string Label) subject, double severity, Factor factor, ScoreSummary score, long fromTicks, long atTicks,
        string explanation)
    {
        var site = catalog.Site(siteId);
        var at = At(atTicks);
        return new Alert(
            alert.Id, alert.Status, alert.Sequence, site.SiteId, site.Name, site.RegionId, subject.Id, subject.Label,
            severity, Severity.LevelOf(severity), [factor], score, at, clock.GetUtcNow(), new TimeWindow(At(fromTicks), at),
            explanation, []);
    }

    public static ScoreSummary Score(double sum, int count, int dissatisfied) =>
        count == 0 ? new ScoreSummary(0, 0, 0) : new ScoreSummary(Math.Round(sum / count, 2), Math.Round(100.0 * dissatisfied / count, 1), count);

    public static DateTimeOffset At(long utcTicks) => new(utcTicks, TimeSpan.Zero);
}
