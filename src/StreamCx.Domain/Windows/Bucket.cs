// The fields are public on purpose: a bucket is a plain value copied into snapshots and read on the hot path.
#pragma warning disable CA1051
namespace StreamCx.Domain.Windows;

/// <summary>
/// Sufficient statistics of the observations that fell in one event-time bucket.
/// Offsets (tau) are hours since the bucket's start, so a bucket can feed exact regressions.
/// </summary>
public struct Bucket
{
    public long Index;
    public int Count;
    public int Dissatisfied;
    public double Sum;
    public double SumSquares;
    public double SumTau;
    public double SumTauSquares;
    public double SumTauValue;

    public readonly double Mean => Count == 0 ? double.NaN : Sum / Count;

    public void Add(double value, double tauHours, bool dissatisfied)
    {
        Count++;
        if (dissatisfied) Dissatisfied++;
        Sum += value;
        SumSquares += value * value;
        SumTau += tauHours;
        SumTauSquares += tauHours * tauHours;
        SumTauValue += tauHours * value;
    }
}
