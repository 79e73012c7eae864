namespace StreamCx.Domain.Windows;

/// <summary>Count, mean and spread of the observations over a range of buckets.</summary>
public readonly record struct WindowStats(int Count, int Dissatisfied, double Sum, double SumSquares)
{
    public double Mean => Count == 0 ? double.NaN : Sum / Count;

    public double Variance => Count < 2 ? double.NaN : Math.Max(0, (SumSquares - (Sum * Sum / Count)) / (Count - 1));

    public double DissatisfiedPct => Count == 0 ? double.NaN : 100.0 * Dissatisfied / Count;

    public WindowStats Add(in Bucket b) =>
        new(Count + b.Count, Dissatisfied + b.Dissatisfied, Sum + b.Sum, SumSquares + b.SumSquares);
}
