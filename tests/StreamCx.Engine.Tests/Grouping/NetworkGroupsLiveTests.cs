using Akka.Actor;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.EventTime;
using StreamCx.Domain.Grouping;
using StreamCx.Domain.Processing;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Alerts;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Sites;

namespace StreamCx.Engine.Tests.Grouping;

/// <summary>The live engine's grouping: region groups in the region actors, the network group over them, as replay gives them.</summary>
public sealed class NetworkGroupsLiveTests : TestKit
{
    private static readonly ReferenceCatalog Catalog = new(
        Enumerable.Range(0, 12).Select(i => new Site($"s{i:00}", $"Site {i}", i < 6 ? "north" : "south")),
        [new AttributeDefinition("product-availability", "Product availability", 1, 5, 2)]);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
    private readonly List<Alert> _alerts = [];
    private readonly AlertHub _hub;

    public NetworkGroupsLiveTests(Xunit.Abstractions.ITestOutputHelper output) : base(output: output)
    {
        _hub = new AlertHub(_clock);
        _hub.Alerts.Subscribe(a => { lock (_alerts) _alerts.Add(a); });
    }

    /// <summary>Four steady days at 20 responses an hour per site, then a 1.5-point fall within an hour at every site from hour 82, for 10 h.</summary>
    private static List<FeedbackEvent> Events()
    {
        var rnd = new Random(3);
        var start = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
        var events = new List<FeedbackEvent>();
        foreach (var site in Catalog.Sites)
        {
            for (var i = 0; i < 100 * 20; i++)
            {
                var hours = (i + rnd.NextDouble()) / 20;
                var mean = hours is > 82 and < 92 ? 4.2 - (1.5 * Math.Min(1, hours - 82)) : 4.2;
                var z = Math.Sqrt(-2 * Math.Log(1 - rnd.NextDouble())) * Math.Cos(2 * Math.PI * rnd.NextDouble());
                var rating = Math.Clamp(Math.Round(mean + (z * 0.6)), 1, 5);
                events.Add(new FeedbackEvent($"{site.SiteId}-{i}", start.AddHours(hours), site.SiteId, "store", new Dictionary<string, double> { ["product-availability"] = rating }));
            }
        }
        return events.Order(EventOrder.Instance).ToList();
    }

    /// <summary>An emission as one truth compares it: every field but the wall clock's <c>emittedAt</c> (the last ones go out after the test moves its clock).</summary>
    private static string Line(Alert a) => ContractJson.Serialize(a with { EmittedAt = DateTimeOffset.UnixEpoch });

    /// <summary>What replay gives: one processor per region, then the network groups over their groups.</summary>
    private List<string> Replayed(List<FeedbackEvent> events)
    {
        var alerts = events.GroupBy(e => Catalog.Site(e.SiteId).RegionId)
            .SelectMany(r => r.SelectMany(new FeedbackProcessor(Catalog, new DetectionSettings(), _clock).Process)).ToList();
        var grouping = new NetworkGrouping(new NetworkGrouper(Catalog, new DetectionSettings()));
        foreach (var a in alerts) grouping.Take(a);
        return alerts.Concat(grouping.Release(null).Select(x => x.Emitted)).Select(Line).Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public void Regions_read_from_partitions_at_different_speeds_give_the_network_group_of_replay()
    {
        var events = Events();
        var expected = Replayed(events);
        Assert.Contains(expected, l => l.Contains("\"scope\":\"network\"", StringComparison.Ordinal));

        var sites = Sys.ActorOf(SitesActor.Create(Catalog, new DetectionSettings(), _hub));
        sites.Tell(new PartitionsAssigned([("feedback", 0), ("feedback", 1), ("feedback", 2)]));
        // three partitions of unequal share (3, 5 and 4 sites), each in event order
        var partitions = events.GroupBy(e => (int.Parse(e.SiteId[1..], System.Globalization.CultureInfo.InvariantCulture) % 5) switch { 0 => 0, 1 or 2 => 1, _ => 2 })
            .ToDictionary(g => g.Key, g => g.ToList());
        // the partitions take turns, each delivering what it holds up to the next 20 minutes of event time (batches of unequal size)
        var next = partitions.Keys.ToDictionary(p => p, _ => 0);
        for (var until = events[0].OccurredAt.AddMinutes(20); next.Any(n => n.Value < partitions[n.Key].Count); until = until.AddMinutes(20))
        {
            foreach (var (p, list) in partitions)
            {
                var take = list.Skip(next[p]).TakeWhile(e => e.OccurredAt <= until).ToList();
                if (take.Count == 0) continue;
                var receipt = new FeedbackReceipt(take.Count);
                var caughtUp = next[p] + take.Count == list.Count ? new[] { (take.Count, $"feedback/{p}") } : [];
                sites.Tell(new ApplyFeedbackBatch(take.Select((e, k) => new ApplyFeedback(e, new SourcePosition("feedback", p, next[p] + k))).ToList(), receipt) { CaughtUp = caughtUp });
                next[p] += take.Count;
                Assert.True(receipt.Completion.Wait(TimeSpan.FromSeconds(10)));
            }
        }

        _clock.Advance(TimeSpan.FromSeconds(2)); // past the wait a caught-up partition holds the others back for

        List<string> Published()
        {
            lock (_alerts) return _alerts.Select(Line).Order(StringComparer.Ordinal).ToList();
        }
        for (var waited = 0; Published().Count < expected.Count && waited < 200; waited++) Thread.Sleep(100);
        var published = Published();
        Assert.True(published.Count == expected.Count, $"published {published.Count} of {expected.Count}; missing:\n{string.Join("\n", expected.Except(published).Take(3))}\nextra:\n{string.Join("\n", published.Except(expected).Take(3))}");
        var differing = expected.Zip(published).Select((p, i) => (First: p.Item1, Second: p.Item2, i)).FirstOrDefault(p => p.First != p.Second);
        Assert.True(differing.First is null, $"emission {differing.i} of {expected.Count} differs:\nreplay {differing.First}\nlive   {differing.Second}");
    }
}
