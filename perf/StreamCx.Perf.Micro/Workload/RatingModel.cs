namespace StreamCx.Perf.Micro.Workload;

/// <summary>
/// Seeded source of realistic 1..5 ratings: a daily rhythm (better in the afternoon, worse at night) plus noise,
/// rounded to whole stars, with an optional dip for an irritant; and an NPS that follows the rating.
/// </summary>
public sealed class RatingModel(int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>The mean rating a healthy site usually gets at this time of day.</summary>
    public static double UsualMean(DateTimeOffset t) =>
        4.0 + (0.3 * Math.Sin(2 * Math.PI * (t.UtcDateTime.TimeOfDay.TotalHours - 9) / 24));

    public double Rating(DateTimeOffset t, double dip = 0) =>
        Math.Clamp(Math.Round(UsualMean(t) - dip + (0.8 * Gaussian())), 1, 5);

    /// <summary>Likelihood to recommend, correlated with the rating (that correlation is the driver importance).</summary>
    public int Nps(double rating) => (int)Math.Clamp(Math.Round((2.2 * rating) - 1 + (1.5 * Gaussian())), 0, 10);

    public int Next(int maxExclusive) => _random.Next(maxExclusive);

    public double Gaussian()
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
