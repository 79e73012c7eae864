namespace StreamCx.Domain.Detection;

/// <summary>
/// How surprising a count is under a Poisson rate: P(X ≥ k) for X ~ Poisson(λ). Counts of rare events (complaints, negative
/// mentions) are tested on the counts themselves, not on means: a count of 9 where 3 were expected is far less likely than
/// its ratio alone says when the expected count is large, and not at all surprising when it is tiny.
/// </summary>
public static class PoissonTail
{
    /// <summary>P(X ≥ k) for X ~ Poisson(λ); 1 for k ≤ 0; exact to double precision for the small tails that matter here.</summary>
    public static double AtLeast(int k, double lambda)
    {
        if (k <= 0) return 1;
        if (lambda <= 0) return 0;
        if (k <= lambda) return 1 - AtMost(k - 1, lambda); // not a small tail: the complement is accurate
        // the upper tail summed from its first term: the terms fall from there on (k > λ)
        var term = Math.Exp(-lambda + (k * Math.Log(lambda)) - LogFactorial(k));
        var sum = 0.0;
        for (var i = k; term > sum * 1e-17 && i < k + 100_000; i++)
        {
            sum += term;
            term *= lambda / (i + 1);
        }
        return Math.Min(1, sum);
    }

    private static double AtMost(int k, double lambda)
    {
        var term = Math.Exp(-lambda);
        var sum = term;
        for (var i = 1; i <= k; i++)
        {
            term *= lambda / i;
            sum += term;
        }
        return Math.Min(1, sum);
    }

    /// <summary>ln(n!) (Stirling's series beyond 20, exact below).</summary>
    internal static double LogFactorial(int n)
    {
        if (n < 2) return 0;
        if (n <= 20)
        {
            var f = 1.0;
            for (var i = 2; i <= n; i++) f *= i;
            return Math.Log(f);
        }
        double x = n + 1;
        return ((x - 0.5) * Math.Log(x)) - x + (0.5 * Math.Log(2 * Math.PI)) + (1 / (12 * x)) - (1 / (360 * x * x * x));
    }
}
