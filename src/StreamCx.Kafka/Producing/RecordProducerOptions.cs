namespace StreamCx.Kafka;

/// <summary>Retry and shutdown behaviour of a <see cref="RecordProducer"/>.</summary>
public sealed class RecordProducerOptions
{
    /// <summary>Attempts per record, the first included (default 5). librdkafka also retries inside each attempt.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Delay before the second attempt; doubled for each further one (default 100 ms).</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest delay between attempts (default 5 s).</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long <see cref="RecordProducer.Dispose"/> waits for outstanding deliveries (default 10 s).</summary>
    public TimeSpan FlushTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Clock for the delays between attempts.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
