namespace StreamCx.Domain.Complaints;

/// <summary>
/// Counts per hour of event time (hours since the Unix epoch, UTC), sparse: only hours with a count are kept, in order,
/// and hours older than the retention are dropped. A few hundred bytes for a reason seen a few times a day.
/// </summary>
public sealed class HourlyCounts
{
    private readonly List<(long Hour, int Count)> _hours = [];

    public IReadOnlyList<(long Hour, int Count)> Hours => _hours;

    public void Add(long hour, int count = 1)
    {
        var i = _hours.Count - 1;
        while (i >= 0 && _hours[i].Hour > hour) i--; // nearly always the last hour or a new one: a late event is rare
        if (i >= 0 && _hours[i].Hour == hour) _hours[i] = (hour, _hours[i].Count + count);
        else _hours.Insert(i + 1, (hour, count));
    }

    /// <summary>The count over hours <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public long Sum(long from, long to)
    {
        long sum = 0;
        for (var i = _hours.Count - 1; i >= 0 && _hours[i].Hour >= from; i--)
            if (_hours[i].Hour <= to) sum += _hours[i].Count;
        return sum;
    }

    /// <summary>Drops the hours before <paramref name="oldest"/>.</summary>
    public void Prune(long oldest)
    {
        var n = 0;
        while (n < _hours.Count && _hours[n].Hour < oldest) n++;
        if (n > 0) _hours.RemoveRange(0, n);
    }

    public static long HourOf(DateTimeOffset at) => at.UtcTicks / TimeSpan.TicksPerHour;

    public static DateTimeOffset StartOf(long hour) => new(hour * TimeSpan.TicksPerHour, TimeSpan.Zero);
}
