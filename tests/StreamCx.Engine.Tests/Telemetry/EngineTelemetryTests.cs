using Akka.Actor;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Alerts;
using StreamCx.Engine.Sites;
using StreamCx.Engine.Telemetry;

namespace StreamCx.Engine.Tests.Telemetry;

/// <summary>What the actors report through <see cref="IEngineTelemetry"/>: live actors, and each alert with its tipping event's consumption time.</summary>
public class EngineTelemetryTests : TestKit
{
    private static readonly ReferenceCatalog Catalog = new(
        Enumerable.Range(0, 6).Select(i => new Site($"s{i}", $"Site {i}", "north")),
        [new AttributeDefinition("waiting-time", "Waiting time", 1, 5, 2), new AttributeDefinition("staff-courtesy", "Staff courtesy", 1, 5, 2)]);

    private readonly AlertHub _hub = new(new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero)));
    private readonly RecordingTelemetry _telemetry = new();

    private IActorRef Sites() => Sys.ActorOf(SitesActor.Create(Catalog, new DetectionSettings(), _hub, null, _telemetry));

    private static FeedbackEvent Event(string id, string site, DateTimeOffset at, params (string Attribute, double Rating)[] ratings) =>
        new(id, at, site, "store", ratings.ToDictionary(r => r.Attribute, r => r.Rating));

    [Fact]
    public void Site_attribute_and_region_actors_are_reported_as_they_start_and_stop()
    {
        var sites = Sites();
        var at = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        sites.Tell(new ApplyFeedback(Event("e1", "s1", at, ("waiting-time", 4), ("staff-courtesy", 5))));
        ExpectMsg<FeedbackApplied>();
        sites.Tell(new ApplyFeedback(Event("e2", "s2", at, ("waiting-time", 3))));
        ExpectMsg<FeedbackApplied>();

        AwaitAssert(() =>
        {
            Assert.Equal(2, _telemetry.Active(EngineActorKind.Site));
            Assert.Equal(3, _telemetry.Active(EngineActorKind.Attribute));
            Assert.Equal(1, _telemetry.Active(EngineActorKind.Region));
        }, TimeSpan.FromSeconds(5));

        Watch(sites);
        Sys.Stop(sites);
        ExpectTerminated(sites);
        AwaitAssert(() =>
        {
            Assert.Equal(0, _telemetry.Active(EngineActorKind.Site));
            Assert.Equal(0, _telemetry.Active(EngineActorKind.Attribute));
            Assert.Equal(0, _telemetry.Active(EngineActorKind.Region));
        }, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Each_alert_is_reported_before_it_is_published_with_the_consumption_time_of_the_latest_event_of_its_site_attribute()
    {
        var published = new List<Alert>();
        var reportedBeforePublished = true;
        _hub.Alerts.Subscribe(a =>
        {
            lock (published)
            {
                published.Add(a);
                reportedBeforePublished &= _telemetry.Alerts.Any(r => ReferenceEquals(r.Alert, a));
            }
        });
        var sites = Sites();
        var start = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
        var rnd = new Random(3);
        var s0StampByEventTime = new Dictionary<DateTimeOffset, long>();
        for (var i = 0; i < 6 * 20 * 12; i++)
        {
            var site = $"s{i % 6}";
            var rating = Math.Clamp(Math.Round((site == "s0" ? 3.2 : 4.2) + ((rnd.NextDouble() - 0.5) * 1.6)), 1, 5);
            var consumedAt = 1_000_000L + i; // a distinct, recognisable stamp per event
            var at = start.AddHours(i / 120.0);
            if (site == "s0") s0StampByEventTime[at] = consumedAt;
            sites.Tell(new ApplyFeedback(Event($"e{i}", site, at, ("waiting-time", rating))) { ConsumedAt = consumedAt });
            ExpectMsg<FeedbackApplied>();
        }

        AwaitCondition(() => _telemetry.Alerts.Any(r => r.Alert.Status == AlertStatus.Open), TimeSpan.FromSeconds(10));
        var (alert, stamp) = _telemetry.Alerts.First(r => r.Alert.Status == AlertStatus.Open);
        Assert.Equal("s0", alert.SiteId);
        // events arrive in event-time order, so the tipping event (the alert's raisedAt) is the latest one applied
        Assert.Equal(s0StampByEventTime[alert.RaisedAt], stamp);
        AwaitAssert(() => { lock (published) Assert.Equal(_telemetry.Alerts.Count, published.Count); }, TimeSpan.FromSeconds(5));
        Assert.True(reportedBeforePublished);
    }
}
