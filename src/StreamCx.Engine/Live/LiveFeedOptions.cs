namespace StreamCx.Engine.Live;

/// <summary>Bounds of the live feed.</summary>
/// <param name="ReplayBufferSize">Events kept for clients that reconnect with Last-Event-ID.</param>
/// <param name="SubscriberBufferSize">Events queued per subscriber before its oldest are dropped.</param>
/// <param name="MaxSubscribers">Concurrent subscribers; more are refused.</param>
/// <param name="MaxAlerts">Alerts the store keeps.</param>
/// <param name="MaxHistoryPerAlert">History entries kept per alert.</param>
public sealed record LiveFeedOptions(
    int ReplayBufferSize = 1000,
    int SubscriberBufferSize = 256,
    int MaxSubscribers = 1000,
    int MaxAlerts = 5000,
    int MaxHistoryPerAlert = 50);
