using Akka.Actor;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.EventTime;
using StreamCx.Domain.Processing;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Alerts;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Sites;

namespace StreamCx.Engine.Tests.EventTime;

/// <summary>The router's frontier of event time and the region actors behind it, fed as the ingestion stream feeds them.</summary>
public sealed class FrontierRoutingTests : TestKit
{
    private static readonly ReferenceCatalog Catalog = new(
        Enumerable.Range(0, 6).Select(i => new Site($"s{i}", $"Site {i}", "north")),
        [new AttributeDefinition("waiting-time", "Waiting time", 1, 5, 2)]);

    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 7, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
    private readonly List<Alert> _alerts = [];
    private readonly AlertHub _hub;

    public FrontierRoutingTests()
    {
        _hub = new AlertHub(_clock);
        _hub.Alerts.Subscribe(a => { lock (_alerts) _alerts.Add(a); });
    }

    /// <summary>s1..s5 rated 4-5, s0 rated 3, every 8 minutes for 5 h 20: a peer alert on s0 in replay.</summary>
    private static List<FeedbackEvent> Events()
    {
        var events = new List<FeedbackEvent>();
        for (var s = 1; s < 6; s++)
            for (var i = 0; i < 40; i++) events.Add(Event($"p{s}-{i}", $"s{s}", Start.AddMinutes(i * 8), 4 + (i % 2)));
        for (var i = 0; i < 35; i++) events.Add(Event($"low-{i}", "s0", Start.AddMinutes(i * 8), 3));
        return events;
    }

    private static FeedbackEvent Event(string id, string site, DateTimeOffset at, double rating) =>
        new(id, at, site, "store", new Dictionary<string, double> { ["waiting-time"] = rating });

    private List<string> Replayed()
    {
        var processor = new FeedbackProcessor(Catalog, new DetectionSettings(), _clock);
        return Events().Order(EventOrder.Instance).SelectMany(processor.Process).Select(ContractJson.Serialize).ToList();
    }

    private List<string> Published()
    {
        lock (_alerts) return _alerts.Select(ContractJson.Serialize).ToList();
    }

    /// <summary>Sends each partition's events in batches, partitions taking turns, then says each partition is read to its end.</summary>
    private void Feed(IActorRef sites, Dictionary<int, List<FeedbackEvent>> partitions, int batch)
    {
        var next = partitions.Keys.ToDictionary(p => p, _ => 0);
        var offsets = partitions.Keys.ToDictionary(p => p, _ => 0L);
        while (next.Any(n => n.Value < partitions[n.Key].Count))
        {
            foreach (var (p, events) in partitions)
            {
                var take = events.Skip(next[p]).Take(batch).ToList();
                next[p] += take.Count;
                if (take.Count == 0) continue;
                var receipt = new FeedbackReceipt(take.Count);
                var caughtUp = next[p] == events.Count ? new[] { (take.Count, $"feedback/{p}") } : [];
                sites.Tell(new ApplyFeedbackBatch(take.Select(e => new ApplyFeedback(e, new SourcePosition("feedback", p, offsets[p]++))).ToList(), receipt) { CaughtUp = caughtUp });
                receipt.Completion.Wait(TimeSpan.FromSeconds(10));
            }
        }
    }

    /// <summary>
    /// Not in event-time order, so not bound to replay's emissions: each site after the first of a partition arrives
    /// behind the frontier and is evaluated against what the region knows when it comes.
    /// </summary>
    [Fact]
    public void Partitions_holding_whole_sites_one_after_the_other_still_raise_the_peer_alert_on_the_site_below_its_peers()
    {
        var sites = Sys.ActorOf(SitesActor.Create(Catalog, new DetectionSettings(), _hub));
        sites.Tell(new PartitionsAssigned([("feedback", 0), ("feedback", 1)]));
        // as a producer that sends site after site: each partition goes back in time at each new site
        var partitions = Events().GroupBy(e => int.Parse(e.SiteId[1..], System.Globalization.CultureInfo.InvariantCulture) % 2).ToDictionary(g => g.Key, g => g.ToList());

        Feed(sites, partitions, batch: 16);

        AwaitCondition(() => Published().Count > 0, TimeSpan.FromSeconds(10));
        Alert open;
        lock (_alerts) open = Assert.Single(_alerts);
        Assert.Equal(("s0", AlertStatus.Open), (open.SiteId, open.Status));
        Assert.Contains(open.Factors, f => f is PeerFactor { PeerCount: 5 });
    }

    [Fact]
    public void Partitions_in_event_order_read_at_different_speeds_give_the_alerts_of_replay()
    {
        var sites = Sys.ActorOf(SitesActor.Create(Catalog, new DetectionSettings(), _hub));
        sites.Tell(new PartitionsAssigned([("feedback", 0), ("feedback", 1), ("feedback", 2)]));
        var partitions = Events().Order(EventOrder.Instance).GroupBy(e => int.Parse(e.SiteId[1..], System.Globalization.CultureInfo.InvariantCulture) % 3)
            .ToDictionary(g => g.Key, g => g.ToList());

        Feed(sites, partitions, batch: 7);

        var expected = Replayed();
        Assert.Contains(expected, a => a.Contains("\"kind\":\"peer\"", StringComparison.Ordinal));
        AwaitCondition(() => Published().Count >= expected.Count, TimeSpan.FromSeconds(10));
        Assert.Equal(expected, Published());
    }
}
