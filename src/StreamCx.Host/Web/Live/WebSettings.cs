using StreamCx.Engine.Live;

namespace StreamCx.Host.Web.Live;

/// <summary>
/// Configuration section "Web": the access token of the API and the page, and the bounds of the live stream.
/// </summary>
public sealed class WebSettings
{
    public const int MinTokenLength = 16;
    public const int MaxTokenLength = 512;

    /// <summary>Bearer token for every endpoint but /health/* and /metrics; empty: one is generated and printed at start.</summary>
    public string Token { get; set; } = "";

    /// <summary>Events kept for clients that reconnect with Last-Event-ID.</summary>
    public int ReplayBufferSize { get; set; } = 1000;

    /// <summary>Events queued per stream client before its oldest are dropped (and the client told).</summary>
    public int SubscriberBufferSize { get; set; } = 256;

    /// <summary>Concurrent stream clients; more get 503.</summary>
    public int MaxSubscribers { get; set; } = 1000;

    /// <summary>A ping event is sent when nothing else was for this long.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a disconnected browser waits before reconnecting (the SSE retry field).</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Alerts kept in the store (open ones, then recently closed ones).</summary>
    public int MaxAlerts { get; set; } = 5000;

    /// <summary>History entries kept per alert.</summary>
    public int MaxHistoryPerAlert { get; set; } = 50;

    public LiveFeedOptions ToFeedOptions() => new(ReplayBufferSize, SubscriberBufferSize, MaxSubscribers, MaxAlerts, MaxHistoryPerAlert);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Token.Length > 0 && (Token.Length < MinTokenLength || Token.Length > MaxTokenLength || Token.Any(c => c is <= ' ' or > '~')))
            errors.Add($"Web:Token must be {MinTokenLength} to {MaxTokenLength} printable ASCII characters without spaces (or empty to generate one)");
        void Range(int value, int min, int max, string key)
        {
            if (value < min || value > max) errors.Add($"Web:{key} must be from {min} to {max}, got {value}");
        }
        Range(ReplayBufferSize, 1, 1_000_000, nameof(ReplayBufferSize));
        Range(SubscriberBufferSize, 1, 100_000, nameof(SubscriberBufferSize));
        Range(MaxSubscribers, 1, 100_000, nameof(MaxSubscribers));
        Range(MaxAlerts, 1, 1_000_000, nameof(MaxAlerts));
        Range(MaxHistoryPerAlert, 1, 10_000, nameof(MaxHistoryPerAlert));
        if (HeartbeatInterval < TimeSpan.FromMilliseconds(100) || HeartbeatInterval > TimeSpan.FromMinutes(10))
            errors.Add($"Web:HeartbeatInterval must be from 00:00:00.1 to 00:10:00, got {HeartbeatInterval}");
        if (ReconnectDelay < TimeSpan.FromMilliseconds(100) || ReconnectDelay > TimeSpan.FromMinutes(10))
            errors.Add($"Web:ReconnectDelay must be from 00:00:00.1 to 00:10:00, got {ReconnectDelay}");
        return errors;
    }
}
