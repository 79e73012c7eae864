namespace StreamCx.Domain.Detection;

/// <summary>Running sums of (attribute rating, NPS) pairs: enough to compute their correlation and to add up regions.</summary>
public readonly record struct PairSums(long Count, double SumX, double SumY, double SumXX, double SumYY, double SumXY)
{
    public PairSums Add(double x, double y) =>
        new(Count + 1, SumX + x, SumY + y, SumXX + (x * x), SumYY + (y * y), SumXY + (x * y));

    public static PairSums operator +(PairSums a, PairSums b) =>
        new(a.Count + b.Count, a.SumX + b.SumX, a.SumY + b.SumY, a.SumXX + b.SumXX, a.SumYY + b.SumYY, a.SumXY + b.SumXY);

    public static PairSums operator -(PairSums a, PairSums b) =>
        new(a.Count - b.Count, a.SumX - b.SumX, a.SumY - b.SumY, a.SumXX - b.SumXX, a.SumYY - b.SumYY, a.SumXY - b.SumXY);

    /// <summary>Pearson correlation, or NaN when either side has no variance.</summary>
    public double Correlation
    {
        get
        {
            if (Count < 3) return double.NaN;
            var cov = SumXY - (SumX * SumY / Count);
            var vx = SumXX - (SumX * SumX / Count);
            var vy = SumYY - (SumY * SumY / Count);
            return vx <= 1e-12 || vy <= 1e-12 ? double.NaN : cov / Math.Sqrt(vx * vy);
        }
    }
}
