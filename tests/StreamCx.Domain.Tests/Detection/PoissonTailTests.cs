using StreamCx.Domain.Detection;

namespace StreamCx.Domain.Tests.Detection;

public sealed class PoissonTailTests
{
    /// <summary>P(X ≥ k) summed term by term in decimal arithmetic's stead: the complement of the lower sum, for moderate tails.</summary>
    private static double BruteForce(int k, double lambda)
    {
        double term = Math.Exp(-lambda), below = 0;
        for (var i = 0; i < k; i++)
        {
            below += term;
            term *= lambda / (i + 1);
        }
        return 1 - below;
    }

    [Theory]
    [InlineData(9, 3.0, 0.0038030)]
    [InlineData(24, 8.0, 3.72547e-6)]
    [InlineData(1, 2.5, 0.917915)]
    public void Known_tails(int k, double lambda, double expected)
    {
        Assert.Equal(expected, PoissonTail.AtLeast(k, lambda), expected * 1e-3);
    }

    [Fact]
    public void Agrees_with_the_term_by_term_sum_where_that_is_accurate()
    {
        foreach (var lambda in new[] { 0.1, 1, 3.7, 12, 40 })
            for (var k = 0; k < 80; k++)
            {
                var expected = BruteForce(k, lambda);
                if (expected < 1e-9) continue; // the complement has no digits left there
                Assert.Equal(expected, PoissonTail.AtLeast(k, lambda), Math.Max(1e-12, expected * 1e-6));
            }
    }

    [Fact]
    public void Small_tails_stay_positive_and_fall_with_the_count()
    {
        var previous = 1.0;
        for (var k = 20; k < 200; k += 10)
        {
            var p = PoissonTail.AtLeast(k, 5);
            Assert.InRange(p, 0, previous);
            Assert.True(k > 120 || p > 0, $"P(X ≥ {k}) underflowed");
            previous = p;
        }
        Assert.Equal(1, PoissonTail.AtLeast(0, 5));
        Assert.Equal(0, PoissonTail.AtLeast(3, 0));
    }
}
