using StreamCx.Domain.Contracts;
using StreamCx.Domain.Tests.Scenarios;

namespace StreamCx.Domain.Tests.Alerting;

public class LifecycleScenarioTests
{
    private static readonly string[] Attr = ["cleanliness"];

    /// <summary>r0-s0 falls from 4.3 to 3.0 at hour 30, stays there 12 h, then recovers to 4.3.</summary>
    private static double Mean(string siteId, double h) =>
        siteId != "r0-s0" ? 4.3
        : h < 30 ? 4.3
        : h < 33 ? 4.3 - (1.3 * (h - 30) / 3)
        : h < 45 ? 3.0
        : 4.3;

    private static List<Alert> Run()
    {
        var catalog = Feedback.Catalog([6], Attr);
        var streams = catalog.Sites.Select((s, i) => Feedback.Stream(s.SiteId, TimeSpan.FromHours(60), 30, (_, h) => Mean(s.SiteId, h), Attr, 400 + i, sd: 0.5)).ToArray();
        return Feedback.Run(Feedback.Processor(catalog), Feedback.Merge(streams));
    }

    [Fact]
    public void A_persisting_irritant_gives_one_open_then_updates_then_one_resolved()
    {
        var alerts = Run();

        Assert.All(alerts, a => Assert.Equal("r0-s0", a.SiteId));
        Assert.Equal(AlertStatus.Open, alerts[0].Status);
        Assert.Equal(AlertStatus.Resolved, alerts[^1].Status);
        Assert.Single(alerts, a => a.Status == AlertStatus.Open);
        Assert.Single(alerts, a => a.Status == AlertStatus.Resolved);
        Assert.InRange(alerts.Count(a => a.Status == AlertStatus.Updated), 1, 12); // updates, not a storm
        Assert.Single(alerts.Select(a => a.AlertId).Distinct());
        Assert.Equal(Enumerable.Range(1, alerts.Count), alerts.Select(a => a.Sequence));
        Assert.True(Feedback.HoursAfterStart(alerts[^1]) >= 45, "resolved only after recovery");
        Assert.Contains("recovered", alerts[^1].Explanation);
    }

    [Fact]
    public void Replaying_the_same_events_gives_the_same_alerts_apart_from_emission_time()
    {
        static string Line(Alert a) => ContractJson.Serialize(a with { EmittedAt = default });

        Assert.Equal(Run().Select(Line), Run().Select(Line));
    }
}
