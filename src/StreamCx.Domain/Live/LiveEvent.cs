using StreamCx.Domain.Contracts;

namespace StreamCx.Domain.Live;

/// <summary>
/// One event of the live stream: an id (increasing by one), a type (<see cref="LiveEventTypes"/>), its JSON data,
/// and the alert's place, severity and factor kinds so that filters apply without parsing the data.
/// </summary>
public sealed record LiveEvent(long Id, string Type, string Data, string RegionId, string SiteId, string AttributeId, double Severity, IReadOnlyList<FactorKind> FactorKinds)
{
    /// <summary>An event about <paramref name="alert"/> (its emission, or a person's action on it).</summary>
    public static LiveEvent About(Alert alert, long id, string type, string data) =>
        new(id, type, data, alert.RegionId, alert.SiteId, alert.AttributeId, alert.Severity, AlertKinds.Of(alert));

    public bool Matches(AlertFilter filter) => filter.Matches(RegionId, SiteId, AttributeId, Severity, FactorKinds);
}

/// <summary>The SSE event types of the live stream.</summary>
public static class LiveEventTypes
{
    /// <summary>An alert emission (open, updated, resolved); data: the alert, as on the alerts topic.</summary>
    public const string Alert = "alert";

    /// <summary>Someone acknowledged an alert; data: the alert's record (without history).</summary>
    public const string Acknowledged = "acknowledged";

    /// <summary>Someone resolved an alert by hand; data: the alert's record (without history).</summary>
    public const string ResolvedByHand = "resolved-by-hand";

    /// <summary>After any replay: the stream is live from here; data: position and how many events were replayed.</summary>
    public const string Ready = "ready";

    /// <summary>The client's Last-Event-ID is older than what is kept, or unknown: reload the open alerts.</summary>
    public const string Reset = "reset";

    /// <summary>The client did not keep up: its oldest pending events were dropped; data: how many.</summary>
    public const string Overflow = "overflow";

    /// <summary>Heartbeat while nothing happens.</summary>
    public const string Ping = "ping";
}
