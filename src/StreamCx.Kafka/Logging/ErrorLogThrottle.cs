namespace StreamCx.Kafka;

/// <summary>
/// Keeps a client's repeated errors from flooding the log: librdkafka reports a refused connection on every
/// reconnect attempt (many per second while a broker is down). The first occurrence of a message is logged,
/// identical ones within <see cref="Window"/> are only counted, and the count is reported with the next one
/// logged. Thread-safe.
/// </summary>
internal sealed class ErrorLogThrottle
{
    /// <summary>How long an identical message stays quiet after it was logged.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, (long LoggedAt, int Suppressed)> _recent = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="message"/> should be logged now; <paramref name="suppressed"/> tells how many identical ones were not.</summary>
    public bool ShouldLog(string message, out int suppressed)
    {
        var now = Environment.TickCount64;
        lock (_lock)
        {
            if (_recent.TryGetValue(message, out var seen) && now - seen.LoggedAt < (long)Window.TotalMilliseconds)
            {
                _recent[message] = (seen.LoggedAt, seen.Suppressed + 1);
                suppressed = 0;
                return false;
            }

            if (_recent.Count > 100)
            {
                _recent.Clear();
            }

            suppressed = seen.Suppressed;
            _recent[message] = (now, 0);
            return true;
        }
    }

    /// <summary>Forgets what was logged (e.g. after a reconnection, so that the next outage is logged in full).</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _recent.Clear();
        }
    }
}
