namespace StreamCx.Domain.Windows;

/// <summary>Maps event time to fixed-width buckets (aligned on the Unix epoch, so every actor agrees).</summary>
public readonly record struct BucketClock(TimeSpan Width)
{
    public double WidthHours => Width.TotalHours;

    public long IndexOf(DateTimeOffset time) => Math.DivRem(time.UtcTicks, Width.Ticks, out var rem) - (rem < 0 ? 1 : 0);

    public DateTimeOffset StartOf(long index) => new(index * Width.Ticks, TimeSpan.Zero);

    public double TauHours(DateTimeOffset time) => (time.UtcTicks - (IndexOf(time) * Width.Ticks)) / (double)TimeSpan.TicksPerHour;

    public int BucketsIn(TimeSpan span) => (int)Math.Ceiling(span.Ticks / (double)Width.Ticks);

    /// <summary>Buckets per hour (the width divides an hour: <c>DetectionSettings</c> checks it).</summary>
    public int BucketsPerHour => (int)(TimeSpan.TicksPerHour / Width.Ticks);

    /// <summary>The UTC hour (hours since 1 January 0001, as <see cref="DateTimeOffset.UtcTicks"/> count) in which a bucket starts: what the seasonal profile maps to local time.</summary>
    public long HourIndex(long index) => Math.DivRem(index * Width.Ticks, TimeSpan.TicksPerHour, out var rem) - (rem < 0 ? 1 : 0);

    /// <summary>Hour of the UTC day (0..23) in which a bucket starts: the slot of the daily profile.</summary>
    public int HourOfDay(long index)
    {
        var hours = Math.DivRem(index * Width.Ticks, TimeSpan.TicksPerHour, out var rem) - (rem < 0 ? 1 : 0);
        return (int)(((hours % 24) + 24) % 24);
    }
}
