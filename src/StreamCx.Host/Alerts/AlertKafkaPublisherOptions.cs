namespace StreamCx.Host.Alerts;

/// <summary>How <see cref="AlertKafkaPublisher"/> retries and how long it drains at shutdown.</summary>
public sealed class AlertKafkaPublisherOptions
{
    /// <summary>Wait before trying an alert again after a failed delivery; doubled each time (default 1 s).</summary>
    public TimeSpan InitialRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between two tries of the same alert (default 30 s).</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Tries of an alert that fails with an error retrying cannot fix (e.g. record too large) before it is
    /// logged in full as undeliverable and the next alert goes (default 3). Transient errors are retried
    /// without limit, keeping later alerts behind it in order.
    /// </summary>
    public int MaxPermanentFailures { get; init; } = 3;

    /// <summary>How long stopping waits for queued alerts to be delivered (default 15 s); the rest is logged in full.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(15);
}
