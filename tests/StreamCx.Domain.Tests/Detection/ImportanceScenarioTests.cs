using StreamCx.Domain.Contracts;
using StreamCx.Domain.Tests.Scenarios;

namespace StreamCx.Domain.Tests.Detection;

public class ImportanceScenarioTests
{
    private static readonly string[] Attrs = ["staff-courtesy", "price-perception"];

    [Fact]
    public void The_same_drop_is_more_severe_on_an_attribute_that_drives_nps()
    {
        var catalog = Feedback.Catalog([6], Attrs);
        // NPS follows staff courtesy closely and ignores price perception.
        static int? Nps(IReadOnlyDictionary<string, double> r, Random rnd) =>
            Math.Clamp((int)Math.Round((r["staff-courtesy"] * 2.2) - 1 + (rnd.NextDouble() - 0.5)), 0, 10);
        // At r0-s0 both attributes fall by the same amount at the same time.
        double Mean(string siteId, double h) => siteId == "r0-s0" && h >= 30 ? Math.Max(3.0, 4.3 - (1.3 * (h - 30) / 4)) : 4.3;
        var streams = catalog.Sites.Select((s, i) => Feedback.Stream(
            s.SiteId, TimeSpan.FromHours(36), 30, (_, h) => Mean(s.SiteId, h), Attrs, 300 + i, Nps, sd: 0.5)).ToArray();

        var alerts = Feedback.Run(Feedback.Processor(catalog), Feedback.Merge(streams));

        var driver = alerts.First(a => a.AttributeId == "staff-courtesy" && a.Status == AlertStatus.Open);
        var minor = alerts.First(a => a.AttributeId == "price-perception" && a.Status == AlertStatus.Open);
        var driverImportance = driver.Factors.OfType<ImportanceFactor>().Single();
        var minorImportance = minor.Factors.OfType<ImportanceFactor>().Single();
        Assert.Equal(1, driverImportance.Rank);
        Assert.Equal(2, minorImportance.Rank);
        Assert.True(driverImportance.Weight > 0.5, $"driver weight {driverImportance.Weight}");
        Assert.True(minorImportance.Weight < 0.2, $"minor weight {minorImportance.Weight}");
        var driverPeak = alerts.Where(a => a.AlertId == driver.AlertId).Max(a => a.Severity);
        var minorPeak = alerts.Where(a => a.AlertId == minor.AlertId).Max(a => a.Severity);
        Assert.True(driverPeak > minorPeak, $"driver {driverPeak} vs minor {minorPeak}");
        Assert.True(driver.Severity > minor.Severity, $"at open: driver {driver.Severity} vs minor {minor.Severity}");
    }
}
