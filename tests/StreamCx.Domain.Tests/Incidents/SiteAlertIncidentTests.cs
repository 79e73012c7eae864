using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Processing;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Tests.TestSupport;

namespace StreamCx.Domain.Tests.Incidents;

/// <summary>
/// A site alert cites the incidents at its site bearing on its attribute in the day before, from the site's own book: the
/// same whether the incidents came in event order among the feedback, all ahead of it (another topic read first), or
/// the site was restored from its snapshot on the way.
/// </summary>
public sealed class SiteAlertIncidentTests
{
    private const string Delivery = DeliveryFall.Delivery;
    private const int FallAtHour = DeliveryFall.FallAtHour;
    private static readonly DateTimeOffset Start = DeliveryFall.Start;

    private static readonly ReferenceCatalog Catalog = DeliveryFall.Catalog(new ListeningCatalog(
        [],
        [new IncidentType("delivery-delay", "Delivery delay", [Delivery], "minutes late"), new IncidentType("stock-out", "Stock-out", ["product-availability"], "products")],
        [], []));

    /// <summary>
    /// The fall, 10 hours of it; three delivery delays in the hours before it (80, 110 and 95 minutes late), one of the day
    /// before (not cited), a stock-out (it bears on another attribute) and a delay at another site.
    /// </summary>
    private static (List<FeedbackEvent> Feedback, List<Incident> Incidents) Scenario()
    {
        Incident Delay(string id, double hour, double minutes, string site = TestCatalog.LilleCentre, string type = "delivery-delay") =>
            new(id, Start.AddHours(hour), type) { SiteId = site, Magnitude = minutes };
        List<Incident> incidents =
        [
            Delay("old", FallAtHour - 30, 30), // more than a day before the fall
            Delay("d1", FallAtHour - 3, 80), Delay("d2", FallAtHour - 2.5, 110), Delay("d3", FallAtHour - 1, 95),
            Delay("so", FallAtHour - 2, 12, type: "stock-out"), Delay("elsewhere", FallAtHour - 2, 60, site: TestCatalog.Roubaix),
        ];
        return (DeliveryFall.Feedback(10), incidents);
    }

    private static FeedbackProcessor NewProcessor() => DeliveryFall.NewProcessor(Catalog);

    private static List<string> InOrder(FeedbackProcessor processor, List<FeedbackEvent> feedback, List<Incident> incidents) =>
        DeliveryFall.InOrder(processor, feedback, incidents);

    [Fact]
    public void The_alert_of_a_fall_cites_the_delivery_delays_before_it_and_no_other_incident()
    {
        var (feedback, incidents) = Scenario();

        var alerts = InOrder(NewProcessor(), feedback, incidents).Select(l => ContractJson.DeserializeAlert(l)!).ToList();

        var opened = Assert.Single(alerts, a => a.Status == AlertStatus.Open && a.AttributeId == Delivery);
        var cited = Assert.Single(opened.Incidents!);
        Assert.Equal(("delivery-delay", 3, Start.AddHours(FallAtHour - 3), (double?)95, "minutes late"), (cited.IncidentType, cited.Count, cited.Since, cited.MeanMagnitude, cited.Unit));
        Assert.Contains($"Incidents at the site: 3 delivery-delay incidents since {Start.AddHours(FallAtHour - 3):HH:mm} UTC, 95 minutes late on average.", opened.Explanation, StringComparison.Ordinal);
        Assert.All(alerts.Where(a => a.Status == AlertStatus.Resolved), a => Assert.Null(a.Incidents));
    }

    [Fact]
    public void Incidents_all_ahead_of_the_feedback_or_a_restore_on_the_way_give_the_same_alerts()
    {
        var (feedback, incidents) = Scenario();
        var inOrder = InOrder(NewProcessor(), feedback, incidents);

        var ahead = NewProcessor();
        foreach (var i in incidents.AsEnumerable().Reverse()) ahead.AddIncident(i);
        Assert.False(ahead.AddIncident(incidents[1]), "an incident kept is taken once");
        var cut = (FallAtHour - 2) * 12;
        var aheadLines = feedback.Take(cut).SelectMany(ahead.Process).Select(ContractJson.Serialize).ToList();
        var (intake, attributes) = ahead.Capture(TestCatalog.LilleCentre);
        var restored = NewProcessor();
        restored.Restore(TestCatalog.LilleCentre, EngineSnapshotJson.RoundTrip(intake), attributes.ToDictionary(a => a.Key, a => EngineSnapshotJson.RoundTrip(a.Value)));
        aheadLines.AddRange(feedback.Skip(cut).SelectMany(restored.Process).Select(ContractJson.Serialize));

        Assert.Equal(["old", "d1", "d2", "so", "d3"], intake.Incidents!.Incidents.Select(i => i.EventId)); // in event order; the other site's never here
        Assert.Contains(inOrder, l => l.Contains("\"incidents\":[{\"incidentType\":\"delivery-delay\",\"count\":3", StringComparison.Ordinal));
        Assert.Equal(inOrder, aheadLines);
    }
}
