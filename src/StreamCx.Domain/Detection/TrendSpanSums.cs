using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Detection;

/// <summary>
/// The sums a trend span's ramp fit adds up bucket by bucket, oldest first: the numerator and denominator of the slope,
/// the sum of the weights, the number of responses, and the squares of the weights summed per UTC hour (what an hour's
/// common wander adds to the numerator's variance). <see cref="Add"/> is the one place a bucket's terms are computed,
/// so sums kept from an earlier evaluation and sums walked afresh are the same sequence of floating-point additions.
/// </summary>
/// <param name="ClosedHourSquares">Σ over the span's hours before <paramref name="OpenHour"/> of (the hour's summed weights)².</param>
/// <param name="OpenHourW">The summed weights of the hour being added (<paramref name="OpenHour"/>).</param>
internal readonly record struct TrendSpanSums(double Num, double Den, double SumW, int N, double ClosedHourSquares = 0, double OpenHourW = 0, long OpenHour = long.MinValue)
{
    /// <summary>Σ over the span's hours of (the hour's summed weights)².</summary>
    public double HourSquares => ClosedHourSquares + (OpenHourW * OpenHourW);

    /// <param name="b">A filled bucket of the span.</param>
    /// <param name="offset">The profile's offset for the bucket's hour (0 while not learned).</param>
    /// <param name="delta">Hours from the span's first bucket to this one.</param>
    /// <param name="mu">The baseline's adjusted mean.</param>
    /// <param name="hour">The bucket's UTC hour (buckets are added oldest first).</param>
    public TrendSpanSums Add(in Bucket b, double offset, double delta, double mu, long hour)
    {
        var sumAdj = b.Sum - (b.Count * offset);
        var tauYAdj = b.SumTauValue - (offset * b.SumTau);
        var w = (b.Count * delta) + b.SumTau;
        var sameHour = hour == OpenHour;
        return new TrendSpanSums(
            Num + ((delta * (sumAdj - (mu * b.Count))) + (tauYAdj - (mu * b.SumTau))),
            Den + ((b.Count * delta * delta) + (2 * delta * b.SumTau) + b.SumTauSquares),
            SumW + w,
            N + b.Count,
            sameHour ? ClosedHourSquares : ClosedHourSquares + (OpenHourW * OpenHourW),
            sameHour ? OpenHourW + w : w,
            hour);
    }
}
