using StreamCx.Domain.Complaints;
using static StreamCx.Domain.Tests.Complaints.ComplaintScenario;

namespace StreamCx.Domain.Tests.Complaints;

/// <summary>The reasons board: each reason's frequency per site, region and channel, uncatalogued reasons kept and marked.</summary>
public sealed class ComplaintBoardTests
{
    private static ComplaintProcessor Fed()
    {
        var p = Processor();
        var t = Start.AddDays(10);
        Run(p,
        [
            At("site-0", t, "a1"), At("site-0", t.AddHours(1), "a2", channel: "email"), At("site-0", t.AddHours(2), "a3"),
            At("site-1", t.AddHours(3), "b1"), At("site-1", t.AddHours(4), "b2", reason: "parking-fees", channel: "social"),
            At("site-2", t.AddDays(-9), "old", channel: "store"), // outside a 7-day board
        ]);
        return p;
    }

    [Fact]
    public void The_region_board_counts_each_reason_by_channel_and_by_site_most_frequent_first()
    {
        var board = Fed().Board("north", null, null);

        Assert.Equal(5, board.Total);
        var wait = board.Reasons[0];
        Assert.Equal(("long-wait", "Long wait", true, "waiting-time", 4L), (wait.ReasonId, wait.Label, wait.Catalogued, wait.AttributeId, wait.Count));
        Assert.Equal(new Dictionary<string, long> { ["email"] = 1, ["phone"] = 3 }, wait.ByChannel);
        Assert.Equal(new Dictionary<string, long> { ["site-0"] = 3, ["site-1"] = 1 }, wait.BySite);
        Assert.Equal(Math.Round(4 / 7.0, 2), wait.PerDay);
        var parking = board.Reasons[1];
        Assert.Equal(("parking-fees", "parking-fees", false, 1L), (parking.ReasonId, parking.Label, parking.Catalogued, parking.Count));
    }

    [Fact]
    public void A_site_or_a_channel_narrows_the_board()
    {
        var processor = Fed();

        Assert.Equal(3, processor.Board(null, "site-0", null).Total);
        Assert.Equal(["parking-fees"], processor.Board(null, null, "social").Reasons.Select(r => r.ReasonId));
        Assert.Equal(1, processor.Board(null, null, "store", days: 30).Total);
        Assert.Empty(processor.Board("south", null, null).Reasons);
    }
}
