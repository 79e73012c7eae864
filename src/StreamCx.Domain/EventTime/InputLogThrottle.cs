namespace StreamCx.Domain.EventTime;

/// <summary>
/// Says when an event out of its place (held as early, far ahead of its input's time, or come behind the frontier) is worth
/// a log line: the first one of an input, then at most one a minute per input, so that a channel with a wrong clock cannot
/// flood the log. Every one is still counted.
/// </summary>
public sealed class InputLogThrottle
{
    /// <summary>The shortest time between two log lines about the same input.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, DateTimeOffset> _lastLogged = new(StringComparer.Ordinal);

    /// <summary>True (and remembered) when no line about <paramref name="input"/> was written in the last minute.</summary>
    public bool ShouldLog(string input, DateTimeOffset now)
    {
        if (_lastLogged.TryGetValue(input, out var last) && now - last < Interval) return false;
        _lastLogged[input] = now;
        return true;
    }
}
