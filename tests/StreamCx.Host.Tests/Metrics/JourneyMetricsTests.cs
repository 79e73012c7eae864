using Prometheus;
using StreamCx.Engine.Journeys;
using StreamCx.Host.Metrics;

namespace StreamCx.Host.Tests.Metrics;

/// <summary>The journeys' gauges follow the journeys actor's status at each scrape, and keep their values when it does not answer.</summary>
public class JourneyMetricsTests
{
    [Fact]
    public async Task Journeys_in_memory_and_passivated_their_messages_held_and_the_dropped_follow_the_status_at_each_scrape()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        JourneyStatus? status = new(Applied: 40, Late: 0, Duplicates: 0, UnknownDepartments: 0, UnknownRoles: 0, Journeys: 12, Accounts: 2, Dropped: 3, Held: 5) { Passivated = 9 };
        JourneyMetrics.Register(registry, _ => Task.FromResult(status));

        var first = await Exposition.ScrapeAsync(registry);
        Assert.Equal((3d, 9d, 5d, 3d), (first["streamcx_journeys_held{where=\"memory\"}"], first["streamcx_journeys_held{where=\"shelf\"}"], first["streamcx_journey_messages_held"], first["streamcx_journeys_dropped_total"]));

        status = status with { Journeys = 20, Dropped = 4 };
        var second = await Exposition.ScrapeAsync(registry);
        Assert.Equal((11d, 9d, 4d), (second["streamcx_journeys_held{where=\"memory\"}"], second["streamcx_journeys_held{where=\"shelf\"}"], second["streamcx_journeys_dropped_total"]));

        status = null; // the actor did not answer in time
        Assert.Equal(11d, (await Exposition.ScrapeAsync(registry))["streamcx_journeys_held{where=\"memory\"}"]);
    }
}
