using Akka.Actor;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Alerts;
using StreamCx.Engine.Sites;

namespace StreamCx.Engine.Tests.Sites;

public class SiteScoresTests : TestKit
{
    private static readonly ReferenceCatalog Catalog = new(
        [new Site("s0", "Site 0", "north")],
        [new AttributeDefinition("waiting-time", "Waiting time", 1, 5, 2), new AttributeDefinition("cleanliness", "Cleanliness", 1, 5, 2)]);

    private static readonly DateTimeOffset Noon = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_site_answers_each_attribute_s_window_mean_dissatisfied_share_and_sparkline()
    {
        using var hub = new AlertHub(new FakeTimeProvider(Noon));
        var sites = Sys.ActorOf(SitesActor.Create(Catalog, new DetectionSettings(), hub));
        var ratings = new[] { (-200, 1.0), (-90, 2.0), (-30, 4.0), (-5, 5.0) }; // minutes before noon; -200 min: outside no window (12 h)
        foreach (var (minutes, rating) in ratings)
        {
            sites.Tell(new ApplyFeedback(new FeedbackEvent($"e{minutes}", Noon.AddMinutes(minutes), "s0", "web", new Dictionary<string, double> { ["waiting-time"] = rating })));
            ExpectMsg<FeedbackApplied>();
        }

        sites.Tell(new GetSiteScores("s0"));
        var scores = ExpectMsg<SiteScores>();
        var score = Assert.Single(scores.Scores).Value;
        Assert.Equal("waiting-time", score.AttributeId);
        Assert.Equal(4, score.Window.Count);
        Assert.Equal(3, score.Window.Mean, 9);
        Assert.Equal(50, score.Window.DissatisfiedPct, 9);
        Assert.Equal(24, score.Sparkline.Count);
        Assert.Equal(4.5, score.Sparkline[^1], 9); // the last 30 min: 4 and 5
        Assert.Equal(4, scores.Attributes["waiting-time"].Count);
        Assert.False(scores.Scores.ContainsKey("cleanliness"));
    }

    [Fact]
    public void A_site_with_no_data_answers_empty_scores()
    {
        using var hub = new AlertHub(new FakeTimeProvider(Noon));
        var sites = Sys.ActorOf(SitesActor.Create(Catalog, new DetectionSettings(), hub));
        sites.Tell(new GetSiteScores("s0"));
        var scores = ExpectMsg<SiteScores>();
        Assert.Empty(scores.Scores);
        Assert.Empty(scores.Attributes);
    }

    [Fact]
    public void A_site_answers_its_units_scores_and_the_unit_that_makes_its_drop()
    {
        using var hub = new AlertHub(new FakeTimeProvider(Noon));
        var sites = Sys.ActorOf(SitesActor.Create(Catalog, new DetectionSettings(), hub));
        var n = 0;
        for (var minutes = -27 * 60; minutes < 0; minutes += 5) // 12 responses an hour per unit, 27 h; agent-b falls to 1 in the last 3 h
            foreach (var unit in new[] { "agent-a", "agent-b" })
            {
                var rating = unit == "agent-b" && minutes >= -180 ? 1.0 : 4.0;
                sites.Tell(new ApplyFeedback(new FeedbackEvent($"u{n++}", Noon.AddMinutes(minutes), "s0", "web", new Dictionary<string, double> { ["waiting-time"] = rating }) { UnitId = unit }));
                ExpectMsg<FeedbackApplied>();
            }

        sites.Tell(new GetSiteUnits("s0", "waiting-time", 3));
        var units = ExpectMsg<SiteUnitsFound>();

        Assert.Equal([("agent-a", 36, (double?)4), ("agent-b", 36, (double?)1)], units.Scores.Select(u => (u.UnitId, u.Responses, u.Mean)));
        Assert.Equal([("agent-b", 4.0, 1.0, 1.0)], units.Drop.Select(u => (u.UnitId, u.MeanBefore, u.MeanRecent, u.ShareOfDrop)));
        Assert.Equal(10, units.MinResponses);
        sites.Tell(new GetSiteUnits("s0", "cleanliness", 24));
        Assert.Empty(ExpectMsg<SiteUnitsFound>().Scores);
    }
}
