namespace StreamCx.Domain.EventTime;

/// <summary>
/// How event time progresses across inputs (README "Event time"). An input is one source partition (a Kafka
/// topic-partition, or one file).
/// </summary>
public sealed record EventTimeSettings
{
    /// <summary>An event further ahead of its input's watermark than this is held as early until others corroborate it.</summary>
    public TimeSpan OutlierThreshold { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How many consecutive events beyond <see cref="OutlierThreshold"/> make a genuine jump of the input's time.</summary>
    public int Corroboration { get; init; } = 3;

    /// <summary>An input that delivered no event for this long (wall clock) stops holding the others back.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long an input that is caught up still holds the others back once they are ahead of it (wall clock): the
    /// time its next fetch may take to bring what was produced at the same moment. Adds at most this to live latency: a
    /// quarter of a second, so an alert is out within a second of its tipping event being consumed (Kafka Streams'
    /// <c>max.task.idle.ms</c> waits nothing by default; a second cost the social burst of the surge harness 1.8 s).
    /// </summary>
    public TimeSpan CaughtUpWait { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long a source partition whose reader stopped reporting it (through the region topic: the engine reading it died
    /// or lost it) still holds the others back. Longer than the consumer group's session timeout, so that its next reader,
    /// after the rebalance, reports it first: its events are then not late. A reader that reports the partition silent
    /// (idle) or read to its end lets it go at once.
    /// </summary>
    public TimeSpan ReaderTimeout { get; init; } = TimeSpan.FromMinutes(2);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (OutlierThreshold <= TimeSpan.Zero) errors.Add($"{nameof(OutlierThreshold)} must be positive, got {OutlierThreshold}");
        if (Corroboration < 1) errors.Add($"{nameof(Corroboration)} must be at least 1, got {Corroboration}");
        if (IdleTimeout <= TimeSpan.Zero) errors.Add($"{nameof(IdleTimeout)} must be positive, got {IdleTimeout}");
        if (CaughtUpWait < TimeSpan.Zero) errors.Add($"{nameof(CaughtUpWait)} must not be negative, got {CaughtUpWait}");
        if (ReaderTimeout <= TimeSpan.Zero) errors.Add($"{nameof(ReaderTimeout)} must be positive, got {ReaderTimeout}");
        return errors;
    }
}
