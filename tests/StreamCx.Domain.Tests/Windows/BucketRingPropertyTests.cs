using CsCheck;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Tests.Windows;

/// <summary>The ring against a naive model: a plain list of every accepted observation.</summary>
public sealed class BucketRingPropertyTests
{
    private static readonly BucketClock Clock = new(TimeSpan.FromMinutes(15));
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly record struct Obs(DateTimeOffset Time, double Value, bool Dissatisfied)
    {
        public long Index => Clock.IndexOf(Time);
    }

    /// <summary>Ratings as they come: whole numbers of a 1–5 scale, or any value of a 0–10 scale, fractions included.</summary>
    private static readonly Gen<double> Rating = Gen.OneOf(Gen.Int[1, 5].Select(v => (double)v), Gen.Double[0, 10]);

    private static Gen<Obs> ObsWithin(long minutes) =>
        Gen.Select(Gen.Long[0, (minutes * TimeSpan.TicksPerMinute) - 1], Rating, Gen.Bool, Gen.Int[-20, 20],
            (ticks, v, d, quarters) => new Obs(T0.AddTicks(ticks).ToOffset(TimeSpan.FromMinutes(15 * quarters)), v, d));

    private static void AssertStatsEqual(IEnumerable<Obs> model, WindowStats actual)
    {
        var expected = model.ToList();
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Count(o => o.Dissatisfied), actual.Dissatisfied);
        AssertClose(expected.Sum(o => o.Value), actual.Sum);
        AssertClose(expected.Sum(o => o.Value * o.Value), actual.SumSquares);
    }

    /// <summary>Equal up to the rounding of sums taken in another order (fractional ratings are not exact in binary).</summary>
    private static void AssertClose(double expected, double actual) =>
        Assert.Equal(expected, actual, 1e-9 * Math.Max(1, Math.Abs(expected)));

    [Fact]
    public void Stats_over_any_range_equal_a_naive_sum_when_all_data_fits_the_window()
    {
        const int capacity = 8;
        var gen = Gen.Select(ObsWithin(capacity * 15).Array[1, 80], Gen.Int[0, capacity - 1], Gen.Int[0, capacity - 1]);

        gen.Sample((observations, a, b) =>
        {
            var ring = new BucketRing(Clock, capacity);
            foreach (var o in observations) ring.Add(o.Time, o.Value, o.Dissatisfied);
            var i0 = Clock.IndexOf(T0);
            var (from, to) = (i0 + Math.Min(a, b), i0 + Math.Max(a, b));

            AssertStatsEqual(observations.Where(o => o.Index >= from && o.Index <= to), ring.Stats(from, to));
            foreach (var bucket in ring.Filled())
            {
                var inBucket = observations.Where(o => o.Index == bucket.Index).ToList();
                Assert.Equal(inBucket.Count, bucket.Count);
                AssertClose(inBucket.Sum(o => Clock.TauHours(o.Time)), bucket.SumTau);
                AssertClose(inBucket.Sum(o => Clock.TauHours(o.Time) * o.Value), bucket.SumTauValue);
            }
        }, iter: 3_000);
    }

    [Fact]
    public void Window_stats_equal_a_naive_model_through_wrap_around_and_refusals()
    {
        const int capacity = 6;
        // Times wander over ten windows' worth of buckets, forward and back: slots are reused many times over.
        var gen = ObsWithin(capacity * 15 * 10).Array[1, 120];

        gen.Sample(observations =>
        {
            var ring = new BucketRing(Clock, capacity);
            var accepted = new List<Obs>();
            var newest = long.MinValue;
            foreach (var o in observations)
            {
                var modelAccepts = newest == long.MinValue || o.Index > newest - capacity;
                Assert.Equal(modelAccepts, ring.Accepts(o.Index));
                if (modelAccepts)
                {
                    ring.Add(o.Time, o.Value, o.Dissatisfied);
                    accepted.Add(o);
                    newest = Math.Max(newest, o.Index);
                }
                else
                {
                    Assert.Throws<InvalidOperationException>(() => ring.Add(o.Time, o.Value, o.Dissatisfied));
                }

                Assert.Equal(newest, ring.Newest);
                var oldest = newest - capacity + 1;
                AssertStatsEqual(accepted.Where(x => x.Index >= oldest), ring.Stats(oldest, newest));
                // asking beyond the window on either side must not bring anything stale in
                AssertStatsEqual(accepted.Where(x => x.Index >= oldest), ring.Stats(oldest - (3 * capacity), newest + (3 * capacity)));
            }

            var window = accepted.Where(x => x.Index > newest - capacity).GroupBy(x => x.Index).Select(g => g.Key).Order();
            Assert.Equal(window, ring.Filled().Select(b => b.Index));
        }, iter: 2_000);
    }

    [Fact]
    public void A_large_window_grows_its_slots_with_the_data_and_stays_exact()
    {
        const int capacity = 118; // the default detection settings' ring
        var gen = Gen.Select(Gen.Int[1, capacity * 2], Gen.Int[1, 200]).SelectMany((spanBuckets, n) => ObsWithin(spanBuckets * 15L).Array[n]);

        gen.Sample(observations =>
        {
            var ring = new BucketRing(Clock, capacity);
            var accepted = new List<Obs>();
            foreach (var o in observations)
            {
                if (!ring.Accepts(o.Index)) continue;
                ring.Add(o.Time, o.Value, o.Dissatisfied);
                accepted.Add(o);
            }

            var newest = ring.Newest;
            var live = accepted.Where(x => x.Index > newest - capacity).ToList();
            AssertStatsEqual(live, ring.Stats(newest - capacity + 1, newest));
            var span = accepted.Max(x => x.Index) - accepted.Min(x => x.Index) + 1; // the widest the data ever spanned
            Assert.True(ring.Slots <= Math.Min(capacity, Math.Max(BucketRing.InitialSlots, 2 * span)), $"{ring.Slots} slots for a span of {span} buckets");

            var restored = new BucketRing(Clock, capacity);
            restored.Restore(ring.Filled().ToArray());
            AssertStatsEqual(live, restored.Stats(newest - capacity + 1, newest));
            Assert.Equal(ring.Filled().Select(b => b.Index), restored.Filled().Select(b => b.Index));
        }, iter: 1_000);
    }
}
