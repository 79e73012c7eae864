using StreamCx.Domain.Detection;
using StreamCx.Domain.Processing;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Tests.Processing;

/// <summary>Driver importance is ranked over the region's (rating, NPS) pairs when they changed, and a view keeps its ranking.</summary>
public sealed class RegionBoardRankingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private static PairSums Pairs(int count, Func<int, (double Rating, double Nps)> pair)
    {
        var sums = default(PairSums);
        for (var i = 0; i < count; i++)
        {
            var (x, y) = pair(i);
            sums = sums.Add(x, y);
        }
        return sums;
    }

    private static (double, double) Driver(int i) => ((i % 5) + 1, 2 * ((i % 5) + 1));

    private static (double, double) Noise(int i) => ((i % 5) + 1, (i * 7) % 11);

    [Fact]
    public void Ranking_follows_every_change_of_the_pairs()
    {
        var board = new RegionBoard("north", new DetectionSettings { MinImportancePairs = 10 });
        board.Update("s1", "a", default, Pairs(1000, Driver));
        board.Update("s1", "b", default, Pairs(1000, Noise));
        var first = board.ImportanceOf("b");
        Assert.Equal(2, first!.Rank);
        Assert.Same(first, board.ImportanceOf("b"));

        board.Update("s2", "b", default, Pairs(10, Driver));
        var second = board.ImportanceOf("b");

        Assert.True(second!.Weight > first.Weight, $"{second.Weight} vs {first.Weight}");
    }

    [Fact]
    public void A_view_holds_the_pairs_and_peers_from_before_its_bucket_until_something_for_an_older_bucket_comes()
    {
        var board = new RegionBoard("north", new DetectionSettings { MinImportancePairs = 10, MinPeerSampleSize = 1 });
        board.Update("s1", "a", new WindowStats(10, 0, 40, 160), Pairs(1000, Driver));
        var view = board.ViewAt(T0);

        board.Update("s2", "a", new WindowStats(10, 0, 30, 90), Pairs(1000, Noise));
        Assert.Same(view, board.ViewAt(T0.AddMinutes(14)));
        Assert.Equal([4.0], view.PeersOf("s3", "a", []));
        Assert.Equal(1.0, view.ImportanceOf("a")!.Weight, 6);

        var next = board.ViewAt(T0.AddMinutes(15));
        Assert.Equal([3.0, 4.0], next.PeersOf("s3", "a", []));
        board.Update("s4", "a", new WindowStats(10, 0, 20, 40), Pairs(1000, Noise));
        Assert.Equal([2.0, 3.0, 4.0], board.ViewAt(T0).PeersOf("s3", "a", [])); // an event of a bucket gone: what the region knows now
        var again = board.ViewAt(T0.AddMinutes(16)); // what came for an older bucket belongs before this one: taken again
        Assert.NotSame(next, again);
        Assert.Equal([2.0, 3.0, 4.0], again.PeersOf("s3", "a", []));
        Assert.Same(again, board.ViewAt(T0.AddMinutes(17)));
    }

    [Fact]
    public void While_the_region_is_small_every_new_pair_re_ranks()
    {
        var board = new RegionBoard("north", new DetectionSettings { MinImportancePairs = 5 });
        board.Update("s1", "a", default, Pairs(5, Driver));
        Assert.Null(board.ImportanceOf("b"));
        board.Update("s1", "b", default, Pairs(5, Driver));
        Assert.NotNull(board.ImportanceOf("b"));
    }
}
