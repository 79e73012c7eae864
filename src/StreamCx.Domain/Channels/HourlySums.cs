namespace StreamCx.Domain.Channels;

/// <summary>Responses, sum and sum of squares per hour of event time, sparse and in order; old hours are pruned.</summary>
public sealed class HourlySums
{
    private readonly List<(long Hour, Moments Sums)> _hours = [];

    public bool IsEmpty => _hours.Count == 0;

    /// <summary>Every hour kept, oldest first, with its sums.</summary>
    public IReadOnlyList<(long Hour, Moments Sums)> Hours => _hours;

    /// <summary>Sums rebuilt from <see cref="Hours"/>.</summary>
    public static HourlySums Of(IEnumerable<(long Hour, Moments Sums)> hours)
    {
        var sums = new HourlySums();
        sums._hours.AddRange(hours.OrderBy(h => h.Hour));
        return sums;
    }

    public void Add(long hour, double value)
    {
        var i = _hours.Count - 1;
        while (i >= 0 && _hours[i].Hour > hour) i--; // nearly always the last hour or a new one
        if (i >= 0 && _hours[i].Hour == hour) _hours[i] = (hour, _hours[i].Sums.Add(value));
        else _hours.Insert(i + 1, (hour, Moments.Of(value)));
    }

    /// <summary>The sums over hours <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public Moments Over(long from, long to)
    {
        var sums = default(Moments);
        for (var i = _hours.Count - 1; i >= 0 && _hours[i].Hour >= from; i--)
            if (_hours[i].Hour <= to) sums = sums.Plus(_hours[i].Sums);
        return sums;
    }

    public void Prune(long oldest)
    {
        var n = 0;
        while (n < _hours.Count && _hours[n].Hour < oldest) n++;
        if (n > 0) _hours.RemoveRange(0, n);
    }
}

/// <summary>Count, sum and sum of squares of responses: their mean and variance.</summary>
public readonly record struct Moments(int N, double Sum, double SumSquares)
{
    public static Moments Of(double value) => new(1, value, value * value);

    public Moments Add(double value) => new(N + 1, Sum + value, SumSquares + (value * value));

    public Moments Plus(Moments o) => new(N + o.N, Sum + o.Sum, SumSquares + o.SumSquares);

    public Moments Minus(Moments o) => new(N - o.N, Sum - o.Sum, SumSquares - o.SumSquares);

    public double Mean => N == 0 ? double.NaN : Sum / N;

    /// <summary>The sample variance (0 under two responses).</summary>
    public double Variance => N < 2 ? 0 : Math.Max(0, (SumSquares - (Sum * Sum / N)) / (N - 1));
}
