using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Tests.Windows;

public sealed class BucketRingTests
{
    private static readonly BucketClock Clock = new(TimeSpan.FromMinutes(15));
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly long I0 = Clock.IndexOf(T0);

    private static DateTimeOffset InBucket(long offset, int minute = 7) => Clock.StartOf(I0 + offset).AddMinutes(minute);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-4)]
    public void Capacity_below_two_is_refused(int capacity)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BucketRing(Clock, capacity));
    }

    [Fact]
    public void Empty_ring_has_no_newest_accepts_anything_and_has_empty_stats()
    {
        var ring = new BucketRing(Clock, 4);

        Assert.Equal(long.MinValue, ring.Newest);
        Assert.True(ring.Accepts(I0));
        Assert.True(ring.Accepts(0));
        Assert.Empty(ring.Filled());
        Assert.Equal(default, ring.Stats(I0 - 10, I0 + 10));
        Assert.Equal(0, ring.Get(I0).Count);
    }

    [Fact]
    public void Bucket_keeps_sufficient_statistics_with_tau_from_its_start()
    {
        var ring = new BucketRing(Clock, 4);
        ring.Add(Clock.StartOf(I0).AddMinutes(6), 2, dissatisfied: true);
        ring.Add(Clock.StartOf(I0).AddMinutes(12), 4, dissatisfied: false);

        var b = ring.Get(I0);

        Assert.Equal(I0, b.Index);
        Assert.Equal(2, b.Count);
        Assert.Equal(1, b.Dissatisfied);
        Assert.Equal(6, b.Sum);
        Assert.Equal(20, b.SumSquares);
        Assert.Equal(0.3, b.SumTau, 12);
        Assert.Equal((0.1 * 0.1) + (0.2 * 0.2), b.SumTauSquares, 12);
        Assert.Equal((0.1 * 2) + (0.2 * 4), b.SumTauValue, 12);
        Assert.Equal(3, b.Mean);
    }

    [Fact]
    public void Accepts_only_buckets_newer_than_capacity_behind_the_newest()
    {
        var ring = new BucketRing(Clock, 4);
        ring.Add(InBucket(10), 3, false);

        Assert.Equal(I0 + 10, ring.Newest);
        Assert.True(ring.Accepts(I0 + 7));   // newest - capacity + 1: the oldest slot still in the window
        Assert.False(ring.Accepts(I0 + 6));  // newest - capacity: its slot is the newest bucket's
        Assert.False(ring.Accepts(I0 - 100));
        Assert.True(ring.Accepts(I0 + 1000)); // the future is always accepted
    }

    [Fact]
    public void Adding_to_a_refused_bucket_throws_and_changes_nothing()
    {
        var ring = new BucketRing(Clock, 4);
        ring.Add(InBucket(10), 3, false);

        Assert.Throws<InvalidOperationException>(() => ring.Add(InBucket(6), 1, true));

        Assert.Equal(I0 + 10, ring.Newest);
        var stats = ring.Stats(I0 + 7, I0 + 10);
        Assert.Equal(1, stats.Count);
        Assert.Equal(3, stats.Sum);
    }

    [Fact]
    public void Late_data_in_the_oldest_accepted_bucket_is_counted()
    {
        var ring = new BucketRing(Clock, 4);
        ring.Add(InBucket(10), 3, false);

        ring.Add(InBucket(7), 1, true);

        Assert.Equal(I0 + 10, ring.Newest);
        var stats = ring.Stats(I0 + 7, I0 + 10);
        Assert.Equal(2, stats.Count);
        Assert.Equal(1, stats.Dissatisfied);
    }

    [Fact]
    public void Stale_slot_is_not_read_as_a_newer_bucket_after_wrap_around()
    {
        var ring = new BucketRing(Clock, 4);
        ring.Add(InBucket(1), 5, false); // slot (I0+1) % 4
        ring.Add(InBucket(6), 2, true);  // newest = I0+6; window I0+3..I0+6; I0+5 shares the slot of I0+1

        Assert.Equal(0, ring.Get(I0 + 5).Count);
        var stats = ring.Stats(I0 + 3, I0 + 6);
        Assert.Equal(1, stats.Count);
        Assert.Equal(2, stats.Sum);
    }

    [Fact]
    public void Overwritten_slot_starts_from_empty()
    {
        var ring = new BucketRing(Clock, 4);
        ring.Add(InBucket(0), 5, false);
        ring.Add(InBucket(0), 5, false);

        ring.Add(InBucket(4), 1, true); // same slot as I0

        var b = ring.Get(I0 + 4);
        Assert.Equal(1, b.Count);
        Assert.Equal(1, b.Sum);
        Assert.Equal(0, ring.Get(I0).Count);
    }

    [Fact]
    public void Far_jump_ahead_leaves_nothing_of_the_old_window()
    {
        var ring = new BucketRing(Clock, 4);
        for (var i = 0; i < 4; i++) ring.Add(InBucket(i), 4, false);

        ring.Add(InBucket(1000), 1, true);

        var stats = ring.Stats(I0 + 997, I0 + 1000);
        Assert.Equal(1, stats.Count);
        Assert.Equal(1, stats.Sum);
        Assert.Equal([I0 + 1000], ring.Filled().Select(b => b.Index));
    }

    [Fact]
    public void Stats_range_is_clipped_to_the_window()
    {
        var ring = new BucketRing(Clock, 4);
        ring.Add(InBucket(0), 5, false);
        ring.Add(InBucket(3), 3, false);
        ring.Add(InBucket(5), 1, true);

        var all = ring.Stats(long.MinValue + 1, I0 + 5);
        var tail = ring.Stats(I0 + 4, I0 + 5);

        Assert.Equal(2, all.Count); // I0 left the window
        Assert.Equal(4, all.Sum);
        Assert.Equal(1, tail.Count);
    }

    [Fact]
    public void Filled_lists_non_empty_buckets_of_the_window_in_order()
    {
        var ring = new BucketRing(Clock, 6);
        ring.Add(InBucket(4), 1, true);
        ring.Add(InBucket(1), 2, false);
        ring.Add(InBucket(2), 3, false);

        Assert.Equal([I0 + 1, I0 + 2, I0 + 4], ring.Filled().Select(b => b.Index));
    }

    [Fact]
    public void Restore_from_filled_reproduces_the_window()
    {
        var ring = new BucketRing(Clock, 8);
        var rng = new Random(7);
        for (var i = 0; i < 50; i++) ring.Add(InBucket(rng.Next(0, 8), rng.Next(0, 15)), rng.Next(1, 6), rng.Next(2) == 0);

        var restored = new BucketRing(Clock, 8);
        restored.Restore(ring.Filled().ToArray());

        Assert.Equal(ring.Newest, restored.Newest);
        Assert.Equal(ring.Stats(I0, I0 + 7), restored.Stats(I0, I0 + 7));
        Assert.Equal(ring.Filled(), restored.Filled());
    }

    [Fact]
    public void Window_stats_derive_mean_variance_and_dissatisfied_share()
    {
        var ring = new BucketRing(Clock, 4);
        foreach (var v in new[] { 1.0, 2, 4, 5 }) ring.Add(InBucket(0), v, v <= 2);

        var s = ring.Stats(I0, I0);

        Assert.Equal(3, s.Mean);
        Assert.Equal(10.0 / 3, s.Variance, 12);
        Assert.Equal(50, s.DissatisfiedPct);
        Assert.True(double.IsNaN(default(WindowStats).Mean));
        Assert.True(double.IsNaN(new WindowStats(1, 0, 3, 9).Variance));
    }
}
