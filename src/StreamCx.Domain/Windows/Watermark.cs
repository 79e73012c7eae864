namespace StreamCx.Domain.Windows;

/// <summary>
/// Event-time progress of one site. The watermark trails the newest event time by the expected out-of-orderness.
/// An event is <see cref="Lateness.OnTime"/> at or after the watermark, <see cref="Lateness.Late"/> behind it but within
/// the allowed lateness (still counted in its window), and <see cref="Lateness.TooLate"/> beyond that.
/// </summary>
public sealed class Watermark(TimeSpan maxOutOfOrderness, TimeSpan allowedLateness)
{
    public DateTimeOffset? NewestEventTime { get; private set; }

    public DateTimeOffset? Current => NewestEventTime - maxOutOfOrderness;

    public Lateness Classify(DateTimeOffset occurredAt)
    {
        if (Current is not { } wm || occurredAt >= wm) return Lateness.OnTime;
        return occurredAt >= wm - allowedLateness ? Lateness.Late : Lateness.TooLate;
    }

    public void Advance(DateTimeOffset occurredAt)
    {
        if (NewestEventTime is null || occurredAt > NewestEventTime) NewestEventTime = occurredAt;
    }

    public void Restore(DateTimeOffset? newest) => NewestEventTime = newest;
}

public enum Lateness
{
    OnTime,
    Late,
    TooLate,
}
