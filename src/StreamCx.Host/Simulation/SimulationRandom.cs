namespace StreamCx.Host.Simulation;

/// <summary>The draws the simulators share, on their own seeded <see cref="Random"/> (deterministic for a seed).</summary>
internal static class SimulationRandom
{
    /// <summary>A normal draw with mean 0 (Box–Muller).</summary>
    public static double Normal(this Random rnd, double sd) =>
        sd * Math.Sqrt(-2 * Math.Log(1 - rnd.NextDouble())) * Math.Cos(2 * Math.PI * rnd.NextDouble());

    public static T Choose<T>(this Random rnd, IReadOnlyList<T> items) => items[rnd.Next(items.Count)];

    /// <summary>A duration uniformly between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public static TimeSpan Between(this Random rnd, TimeSpan min, TimeSpan max) => min + ((max - min) * rnd.NextDouble());

    /// <summary>The wait until the next of events arriving at random, <paramref name="perHour"/> an hour on average.</summary>
    public static TimeSpan NextArrival(this Random rnd, double perHour) => TimeSpan.FromHours(-Math.Log(1 - rnd.NextDouble()) / perHour);

    /// <summary>One of the (English, French) texts in either language, with its language code.</summary>
    public static (string Text, string Language) Say(this Random rnd, IReadOnlyList<(string En, string Fr)> texts)
    {
        var (en, fr) = rnd.Choose(texts);
        return rnd.NextDouble() < 0.5 ? (en, "en") : (fr, "fr");
    }
}
