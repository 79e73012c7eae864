namespace StreamCx.Domain.Listening;

/// <summary>
/// Counts (or sums) per bucket of event time — an hour for complaints, a few minutes for social mentions — sparse: only
/// buckets with something are kept, in order, and buckets older than the retention are dropped. A few hundred bytes for a
/// series that sees a few events a day.
/// </summary>
public sealed class SparseCounts
{
    private readonly List<(long Bucket, long Count)> _buckets = [];

    public IReadOnlyList<(long Bucket, long Count)> Buckets => _buckets;

    public void Add(long bucket, long count = 1)
    {
        var i = _buckets.Count - 1;
        while (i >= 0 && _buckets[i].Bucket > bucket) i--; // nearly always the last bucket or a new one: a late event is rare
        if (i >= 0 && _buckets[i].Bucket == bucket) _buckets[i] = (bucket, _buckets[i].Count + count);
        else _buckets.Insert(i + 1, (bucket, count));
    }

    /// <summary>The total over buckets <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public long Sum(long from, long to)
    {
        long sum = 0;
        for (var i = _buckets.Count - 1; i >= 0 && _buckets[i].Bucket >= from; i--)
            if (_buckets[i].Bucket <= to) sum += _buckets[i].Count;
        return sum;
    }

    /// <summary>Drops the buckets before <paramref name="oldest"/>.</summary>
    public void Prune(long oldest)
    {
        var n = 0;
        while (n < _buckets.Count && _buckets[n].Bucket < oldest) n++;
        if (n > 0) _buckets.RemoveRange(0, n);
    }

    /// <summary>The bucket of <paramref name="at"/> for buckets of <paramref name="width"/> since the Unix epoch (UTC).</summary>
    public static long BucketOf(DateTimeOffset at, TimeSpan width) => at.UtcTicks / width.Ticks;

    public static DateTimeOffset StartOf(long bucket, TimeSpan width) => new(bucket * width.Ticks, TimeSpan.Zero);

    public static long HourOf(DateTimeOffset at) => BucketOf(at, TimeSpan.FromHours(1));

    public static DateTimeOffset StartOfHour(long hour) => StartOf(hour, TimeSpan.FromHours(1));
}
