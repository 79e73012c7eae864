using Akka.Actor;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Processing;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Alerts;
using StreamCx.Engine.Sites;

namespace StreamCx.Engine.Tests.Sites;

public class SitesActorTests : TestKit
{
    private static readonly ReferenceCatalog Catalog = new(
        Enumerable.Range(0, 6).Select(i => new Site($"s{i}", $"Site {i}", "north")),
        [new AttributeDefinition("waiting-time", "Waiting time", 1, 5, 2)]);

    private readonly AlertHub _hub = new(new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero)));
    private readonly List<Alert> _alerts = [];

    public SitesActorTests() => _hub.Alerts.Subscribe(a => { lock (_alerts) _alerts.Add(a); });

    private IActorRef Sites() => Sys.ActorOf(SitesActor.Create(Catalog, new DetectionSettings(), _hub));

    private static FeedbackEvent Event(string id, string site, DateTimeOffset at, double rating) =>
        new(id, at, site, "store", new Dictionary<string, double> { ["waiting-time"] = rating });

    [Fact]
    public void A_duplicate_event_id_is_taken_once()
    {
        var sites = Sites();
        var at = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

        sites.Tell(new ApplyFeedback(Event("e1", "s1", at, 4)));
        Assert.Equal(IntakeOutcome.OnTime, ExpectMsg<FeedbackApplied>().Outcome);
        sites.Tell(new ApplyFeedback(Event("e1", "s1", at, 4)));
        Assert.Equal(IntakeOutcome.Duplicate, ExpectMsg<FeedbackApplied>().Outcome);
        sites.Tell(new GetSiteScores("s1"));
        Assert.Equal(1, ExpectMsg<SiteScores>().Attributes["waiting-time"].Count);
    }

    [Fact]
    public void An_unknown_site_gets_a_failure_not_a_crash()
    {
        var sites = Sites();
        sites.Tell(new GetSiteScores("nowhere"));
        Assert.Contains("nowhere", ExpectMsg<Status.Failure>().Cause.Message);
        sites.Tell(new GetSiteScores("s0"));
        ExpectMsg<SiteScores>();
    }

    [Fact]
    public void A_site_below_its_peers_raises_a_peer_alert_through_the_region_actor()
    {
        var sites = Sites();
        var start = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
        var rnd = new Random(3);
        for (var i = 0; i < 6 * 20 * 12; i++)
        {
            var site = $"s{i % 6}";
            var rating = Math.Clamp(Math.Round((site == "s0" ? 3.2 : 4.2) + ((rnd.NextDouble() - 0.5) * 1.6)), 1, 5);
            sites.Tell(new ApplyFeedback(Event($"e{i}", site, start.AddHours(i / 120.0), rating)));
            ExpectMsg<FeedbackApplied>();
        }

        AwaitCondition(() => { lock (_alerts) return _alerts.Any(a => a.Status == AlertStatus.Open); }, TimeSpan.FromSeconds(10));
        Alert open;
        lock (_alerts) open = _alerts.First(a => a.Status == AlertStatus.Open);
        Assert.Equal("s0", open.SiteId);
        Assert.Contains(open.Factors, f => f is PeerFactor { PeerCount: 5 });
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero), open.EmittedAt);
    }
}
