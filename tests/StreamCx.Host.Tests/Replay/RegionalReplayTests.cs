using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Processing;
using StreamCx.Domain.ReferenceData;
using StreamCx.Host.Replay;

namespace StreamCx.Host.Tests.Replay;

/// <summary>Regions replayed in parallel give exactly what one processor over every event gives, in the same order.</summary>
public sealed class RegionalReplayTests
{
    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
    }

    private static readonly string[] AttributeIds = ["waiting-time", "staff-courtesy"];

    /// <summary>Three regions of six sites; in each, one site sits a point below its peers, so every region alerts.</summary>
    private static (ReferenceCatalog Catalog, List<FeedbackEvent> Events) Scenario()
    {
        var sites = Enumerable.Range(0, 18).Select(i => new Site($"s{i}", $"Site {i}", $"region-{i / 6}")).ToList();
        var attributes = AttributeIds.Select(a => new AttributeDefinition(a, a, 1, 5, 2)).ToList();
        var catalog = new ReferenceCatalog(sites, attributes);
        var rnd = new Random(11);
        var start = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
        var events = new List<FeedbackEvent>();
        for (var i = 0; i < 18 * 20 * 30; i++)
        {
            var site = sites[i % sites.Count];
            var low = site.SiteId is "s0" or "s7" or "s14";
            var ratings = AttributeIds.ToDictionary(a => a, a => Math.Clamp(Math.Round((low && a == "waiting-time" ? 3.2 : 4.2) + ((rnd.NextDouble() - 0.5) * 1.6)), 1, 5));
            events.Add(new FeedbackEvent($"e{i}", start.AddHours(i / 360.0), site.SiteId, "store", ratings) { Nps = rnd.Next(0, 11) });
        }
        return (catalog, events);
    }

    [Fact]
    public void Parallel_regions_give_the_sequential_alerts_in_the_sequential_order()
    {
        var (catalog, events) = Scenario();
        var settings = new DetectionSettings();
        var sequential = new FeedbackProcessor(catalog, settings, new FixedClock());
        var expected = events.SelectMany(e => sequential.Process(e)).Select(ContractJson.Serialize).ToList();

        var (alertsByEvent, counters) = RegionalReplay.Run(events, catalog, settings, new FixedClock());
        var actual = alertsByEvent.SelectMany(a => a).Select(ContractJson.Serialize).ToList();

        Assert.Equal(3, alertsByEvent.SelectMany(a => a).Select(a => a.RegionId).Distinct().Count());
        Assert.Equal(expected, actual);
        Assert.Equal(sequential.Counters.OnTime, counters.OnTime);
        Assert.Equal(events.Count, counters.OnTime + counters.Late + counters.TooLate + counters.Duplicates);
    }
}
