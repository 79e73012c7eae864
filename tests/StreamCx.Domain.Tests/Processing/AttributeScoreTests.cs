using StreamCx.Domain.Processing;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Tests.Processing;

public class AttributeScoreTests
{
    private static readonly BucketClock Clock = new(TimeSpan.FromMinutes(15));
    private static readonly DateTimeOffset Noon = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_empty_ring_has_no_score_and_no_sparkline()
    {
        var score = AttributeScore.From("waiting-time", new BucketRing(Clock, 200), TimeSpan.FromHours(12), SparklineSpec.Default);
        Assert.Equal(0, score.Window.Count);
        Assert.Empty(score.Sparkline);
        Assert.Null(score.SparklineEnd);
    }

    [Fact]
    public void The_window_counts_means_and_dissatisfied_share_cover_only_the_window()
    {
        var ring = new BucketRing(Clock, 200);
        ring.Add(Noon.AddHours(-13), 1, dissatisfied: true); // outside a 12 h window
        ring.Add(Noon.AddHours(-2), 2, dissatisfied: true);
        ring.Add(Noon.AddMinutes(-10), 4, dissatisfied: false);
        ring.Add(Noon.AddMinutes(1), 5, dissatisfied: false);
        var score = AttributeScore.From("waiting-time", ring, TimeSpan.FromHours(12), SparklineSpec.Default);
        Assert.Equal(3, score.Window.Count);
        Assert.Equal(11.0 / 3, score.Window.Mean, 9);
        Assert.Equal(100.0 / 3, score.Window.DissatisfiedPct, 9);
    }

    [Fact]
    public void The_sparkline_has_one_mean_per_step_oldest_first_with_gaps_as_NaN_ending_at_the_newest_bucket()
    {
        var ring = new BucketRing(Clock, 200);
        ring.Add(Noon.AddMinutes(5), 5, false);      // newest bucket 12:00-12:15: last step is 11:45-12:15
        ring.Add(Noon.AddMinutes(-10), 3, false);    // 11:50, same last step
        ring.Add(Noon.AddMinutes(-40), 1, true);     // 11:20, step 11:15-11:45
        ring.Add(Noon.AddHours(-11).AddMinutes(-40), 2, true); // 00:20: the first step, 00:15-00:45
        var score = AttributeScore.From("waiting-time", ring, TimeSpan.FromHours(12), new SparklineSpec(TimeSpan.FromHours(12), 24));
        Assert.Equal(TimeSpan.FromMinutes(30), score.SparklineStep);
        Assert.Equal(Noon.AddMinutes(15), score.SparklineEnd);
        Assert.Equal(24, score.Sparkline.Count);
        Assert.Equal(4, score.Sparkline[23]);
        Assert.Equal(1, score.Sparkline[22]);
        Assert.Equal(2, score.Sparkline[0]);
        Assert.All(score.Sparkline.Skip(1).Take(21), p => Assert.True(double.IsNaN(p)));
    }

    [Fact]
    public void A_step_that_is_not_a_whole_number_of_buckets_is_rounded_to_one()
    {
        var ring = new BucketRing(Clock, 200);
        ring.Add(Noon, 3, false);
        var score = AttributeScore.From("a", ring, TimeSpan.FromHours(1), new SparklineSpec(TimeSpan.FromHours(1), 6)); // 10 min asked
        Assert.Equal(TimeSpan.FromMinutes(15), score.SparklineStep);
        Assert.Equal(6, score.Sparkline.Count);
    }
}
