using Akka.Actor;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Alerts;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Sites;

namespace StreamCx.Engine.Tests.Sites;

/// <summary>
/// A site takes the incidents of a batch in their partition's order among its feedback: an incident read after two answers
/// does not make them look already taken (a site's source offset covers every offset before it).
/// </summary>
public class SiteIncidentOrderTests : TestKit
{
    private static readonly ReferenceCatalog Catalog = new([new Site("s0", "Site 0", "north"), new Site("s1", "Site 1", "north")], [new AttributeDefinition("waiting-time", "Waiting time", 1, 5, 2)]);
    private static readonly DateTimeOffset Noon = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Answers_read_before_an_incident_of_their_batch_are_applied_and_counted()
    {
        using var hub = new AlertHub(new FakeTimeProvider(Noon));
        var sites = Sys.ActorOf(SitesActor.Create(Catalog, new DetectionSettings(), hub));
        ApplyFeedback Answer(int offset, int minutes) => new(
            new FeedbackEvent($"e{offset}", Noon.AddMinutes(minutes), "s0", "web", new Dictionary<string, double> { ["waiting-time"] = 4 }),
            new SourcePosition("feedback", 0, offset));
        ApplySiteListening Incident(int offset, int afterEvents) => new(
            new Incident($"i{offset}", Noon.AddMinutes(-60), "breakdown") { SiteId = "s0" }, new SourcePosition("feedback", 0, offset), null) { AfterEvents = afterEvents };
        var receipt = new FeedbackReceipt(2);

        sites.Tell(new ApplyFeedbackBatch([Answer(10, -30), Answer(11, -20)], receipt)
        {
            SiteListening = [Incident(9, 0), Incident(12, 2)],
            CaughtUp = [(2, Engine.Durability.SnapshotCodec.PartitionKey("feedback", 0))], // read to its end: the frontier releases them
        });
        var outcomes = await receipt.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.All(outcomes, o => Assert.False(o.AlreadyApplied));
        sites.Tell(new GetSiteScores("s0"));
        Assert.Equal(2, ExpectMsg<SiteScores>().Attributes["waiting-time"].Count);
        // the site's day, for its region's incident correlation: the two incidents and the two answers
        sites.Tell(new GetSiteDays("s0"));
        var day = Assert.Single(ExpectMsg<SiteDaysFound>().Days);
        Assert.Equal((Domain.Incidents.SiteDays.DayOf(Noon), 2, new Domain.Snapshots.DayRatings(2, 0)), (day.Day, day.Incidents["breakdown"], day.Ratings["waiting-time"]));
        sites.Tell(new GetSiteDays("s1"));
        Assert.Empty(ExpectMsg<SiteDaysFound>().Days);
    }
}
