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

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (OutlierThreshold <= TimeSpan.Zero) errors.Add($"{nameof(OutlierThreshold)} must be positive, got {OutlierThreshold}");
        if (Corroboration < 1) errors.Add($"{nameof(Corroboration)} must be at least 1, got {Corroboration}");
        if (IdleTimeout <= TimeSpan.Zero) errors.Add($"{nameof(IdleTimeout)} must be positive, got {IdleTimeout}");
        return errors;
    }
}
