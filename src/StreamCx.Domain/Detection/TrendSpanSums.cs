using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Detection;

/// <summary>
/// The sums a trend span's ramp fit adds up bucket by bucket, oldest first: the numerator and denominator of the slope,
/// the sum of the weights and the number of responses. <see cref="Add"/> is the one place a bucket's terms are computed,
/// so sums kept from an earlier evaluation and sums walked afresh are the same sequence of floating-point additions.
/// </summary>
internal readonly record struct TrendSpanSums(double Num, double Den, double SumW, int N)
{
    /// <param name="b">A filled bucket of the span.</param>
    /// <param name="offset">The profile's offset for the bucket's hour (0 while not learned).</param>
    /// <param name="delta">Hours from the span's first bucket to this one.</param>
    /// <param name="mu">The baseline's adjusted mean.</param>
    public TrendSpanSums Add(in Bucket b, double offset, double delta, double mu)
    {
        var sumAdj = b.Sum - (b.Count * offset);
        var tauYAdj = b.SumTauValue - (offset * b.SumTau);
        return new TrendSpanSums(
            Num + ((delta * (sumAdj - (mu * b.Count))) + (tauYAdj - (mu * b.SumTau))),
            Den + ((b.Count * delta * delta) + (2 * delta * b.SumTau) + b.SumTauSquares),
            SumW + ((b.Count * delta) + b.SumTau),
            N + b.Count);
    }
}
