using StreamCx.Domain.Detection;
using StreamCx.Domain.Processing;

namespace StreamCx.Domain.Tests.Processing;

/// <summary>Driver importance is re-ranked once the region's (rating, NPS) pairs changed by 1 %, not at every pair.</summary>
public sealed class RegionBoardRankingTests
{
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
    public void Ranking_is_kept_until_one_percent_of_the_pairs_changed_then_redone()
    {
        var board = new RegionBoard("north", new DetectionSettings { MinImportancePairs = 10 });
        board.Update("s1", "a", default, Pairs(1000, Driver));
        board.Update("s1", "b", default, Pairs(1000, Noise));
        var first = board.ImportanceOf("b");
        Assert.NotNull(first);
        Assert.Equal(2, first.Rank);

        // 10 new pairs of 2,000: under 1 %, the ranking stands
        board.Update("s2", "b", default, Pairs(10, Driver));
        Assert.Same(first, board.ImportanceOf("b"));

        // 400 more: re-ranked, and b's weight reflects them
        board.Update("s2", "b", default, Pairs(410, Driver));
        var second = board.ImportanceOf("b");
        Assert.NotSame(first, second);
        Assert.True(second!.Weight > first.Weight, $"{second.Weight} vs {first.Weight}");
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
