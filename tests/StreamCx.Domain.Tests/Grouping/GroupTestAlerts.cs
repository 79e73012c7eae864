using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Tests.Live;

namespace StreamCx.Domain.Tests.Grouping;

/// <summary>Site alerts of a 3-region network of 10 sites each ("r{r}" holds "s{r}{j}"), on waiting time (1–5).</summary>
public static class GroupTestAlerts
{
    public static readonly ReferenceCatalog Catalog = new(
        Enumerable.Range(0, 30).Select(i => new Site($"s{i / 10}{i % 10}", $"Site {i / 10}-{i % 10}", $"r{i / 10}")),
        [new AttributeDefinition("waiting-time", "Waiting time", 1, 5, 2)]);

    /// <summary>Groups of at least 3 sites of a region (whatever the calibrated defaults), 2 regions for the network.</summary>
    public static readonly DetectionSettings Settings = new() { MinGroupSites = 3, MinGroupShare = 0.3, MinGroupRegions = 2 };

    /// <summary>Site <paramref name="site"/> (e.g. "s03") opens at T0 + minutes with this mean.</summary>
    public static Alert Open(string site, double minutes, double mean = 3.2) =>
        TestAlerts.Make(alertId: $"alr-{site}", siteId: site, regionId: $"r{site[1]}") with
        {
            RaisedAt = TestAlerts.T0.AddMinutes(minutes),
            Score = new ScoreSummary(mean, 20, 40),
        };

    public static Alert Next(Alert alert, AlertStatus status, double minutes) =>
        alert with { Status = status, Sequence = alert.Sequence + 1, RaisedAt = TestAlerts.T0.AddMinutes(minutes) };
}
