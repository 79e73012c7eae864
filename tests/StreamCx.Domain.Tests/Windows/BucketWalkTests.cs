using CsCheck;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Tests.Windows;

/// <summary>A walk over a ring reads, for every index, the very bucket and "filled" that <see cref="BucketRing.Peek"/> reads.</summary>
public sealed class BucketWalkTests
{
    private static readonly BucketClock Clock = new(TimeSpan.FromMinutes(15));
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Walk_reads_what_peek_reads()
    {
        // observations spread over up to three ring spans (slots grow, wrap and are reused), then a walk from anywhere
        var gen = Gen.Select(Gen.Int[0, 3 * 40 * 15].Array[1, 200], Gen.Int[-60, 60], Gen.Int[1, 200], (minutes, start, length) => (minutes, start, length));
        gen.Sample((minutes, start, length) =>
        {
            var ring = new BucketRing(Clock, 40);
            foreach (var m in minutes)
            {
                var at = T0.AddMinutes(m);
                if (ring.Accepts(Clock.IndexOf(at))) ring.Add(at, 3, false);
            }
            var from = ring.Newest + start - 40;
            var walk = ring.Walk(from);
            for (var i = from; i < from + length; i++)
            {
                ref readonly var walked = ref walk.Next(out var walkedFilled);
                ref readonly var peeked = ref ring.Peek(i, out var peekedFilled);
                Assert.Equal(peekedFilled, walkedFilled);
                Assert.Equal(peeked.Index, walked.Index);
                Assert.Equal(peeked.Count, walked.Count);
                Assert.Equal(peeked.Sum, walked.Sum);
            }
        });
    }
}
