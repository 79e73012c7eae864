using StreamCx.Domain.Contracts;
using StreamCx.Domain.Tests.TestSupport;
using StreamCx.Domain.Units;

namespace StreamCx.Domain.Tests.Units;

/// <summary>Unit drill-down: the unit that makes a site's drop is named; none when units have too few responses.</summary>
public sealed class SiteUnitsTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Four agents answering <paramref name="perHour"/> times an hour each for 27 h, rated 4; the last 3 h agent-2 falls to 2.</summary>
    private static SiteUnits Feed(int perHour)
    {
        var drill = new SiteUnits();
        var n = 0;
        for (var h = 0; h < 27; h++)
            for (var u = 0; u < 4; u++)
                for (var i = 0; i < perHour; i++)
                {
                    var rating = h >= 24 && u == 2 ? 2 : 4;
                    drill.Observe(new FeedbackEvent($"e{n++}", Start.AddHours(h).AddMinutes(i), TestCatalog.LilleCentre, "phone",
                        new RatingDictionary([new(TestCatalog.WaitingTime, rating)])) { UnitId = $"agent-{u}" });
                }
        return drill;
    }

    [Fact]
    public void The_unit_that_caused_the_drop_is_named()
    {
        var named = Feed(perHour: 6).Drop(TestCatalog.WaitingTime);

        var unit = Assert.Single(named);
        Assert.Equal(("agent-2", 4.0, 2.0, 1.0), (unit.UnitId, unit.MeanBefore, unit.MeanRecent, unit.ShareOfDrop));
    }

    [Fact]
    public void No_unit_is_named_when_units_have_too_few_responses()
    {
        var drill = Feed(perHour: 1); // 3 responses each in the last 3 h: under the minimum

        Assert.Empty(drill.Drop(TestCatalog.WaitingTime));
        Assert.All(drill.Scores(TestCatalog.WaitingTime, hours: 3), s => Assert.Null(s.Mean));
    }

    [Fact]
    public void Unit_scores_are_given_with_their_responses()
    {
        var scores = Feed(perHour: 6).Scores(TestCatalog.WaitingTime, hours: 3);

        Assert.Equal(["agent-0", "agent-1", "agent-2", "agent-3"], scores.Select(s => s.UnitId));
        Assert.Equal((18, (double?)2), (scores[2].Responses, scores[2].Mean));
        Assert.Equal((double?)4, scores[0].Mean);
    }
}
