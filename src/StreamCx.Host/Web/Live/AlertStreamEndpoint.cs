using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Live;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Live;

namespace StreamCx.Host.Web.Live;

/// <summary>
/// <c>GET /api/alerts/stream</c>: the live alert stream as Server-Sent Events, filtered on the server, resumable with
/// <c>Last-Event-ID</c> (header, or <c>lastEventId</c> query parameter when there is no header) within the replay buffer.
/// </summary>
public static class AlertStreamEndpoint
{
    public const string LastEventIdQuery = "lastEventId";
    public const string LastEventIdHeader = "Last-Event-ID";

    public static void MapAlertStream(this IEndpointRouteBuilder app)
    {
        app.MapGet(TokenGate.StreamPath, (HttpContext context, LiveFeed feed, ReferenceCatalog catalog, WebSettings settings) =>
        {
            var request = context.Request;
            var (filter, errors) = QueryFilter.Read(request.Query, catalog, TokenGate.QueryTokenName, LastEventIdQuery);
            if (filter is null) return ApiResults.BadRequest(errors);
            var header = request.Headers[LastEventIdHeader];
            var query = request.Query[LastEventIdQuery];
            if (header.Count > 1 || (header.Count == 0 && query.Count > 1)) return ApiResults.BadRequest("Last-Event-ID: give it once");
            var raw = header.Count == 1 ? header[0] : query.Count == 1 ? query[0] : null;
            if (!LastEventId.TryParse(raw, out var lastEventId))
                return ApiResults.BadRequest($"Last-Event-ID: expected the decimal id of an event of this stream, got '{AlertFilterParser.Printable(raw!)}'");
            var subscription = feed.Subscribe(filter, lastEventId);
            if (subscription is null)
            {
                context.Response.Headers.RetryAfter = "5";
                return ApiResults.Error(StatusCodes.Status503ServiceUnavailable, $"the stream has its maximum of {settings.MaxSubscribers} clients; retry later");
            }
            context.Response.RegisterForDispose(subscription);
            return TypedResults.ServerSentEvents(Events(subscription, settings));
        });
    }

    private static async IAsyncEnumerable<SseItem<string>> Events(LiveSubscription subscription, WebSettings settings, [EnumeratorCancellation] CancellationToken ct = default)
    {
        using var _ = subscription;
        var replay = subscription.Replay;
        if (replay.Gap != ReplayGap.None)
        {
            var reason = replay.Gap == ReplayGap.Missed ? "older than the events kept: some were missed" : "not an id of this stream";
            yield return Item(LiveEventTypes.Reset, Json(new { reason = $"Last-Event-ID is {reason}; reload the open alerts", position = subscription.StartPosition }));
        }
        foreach (var e in replay.Events) yield return Item(e);
        yield return Item(LiveEventTypes.Ready, Json(new { position = subscription.StartPosition, replayed = replay.Events.Count }))
            with { EventId = Id(subscription.StartPosition), ReconnectionInterval = settings.ReconnectDelay };

        while (true)
        {
            bool more;
            using (var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                heartbeat.CancelAfter(settings.HeartbeatInterval);
                try
                {
                    more = await subscription.WaitToReadAsync(heartbeat.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    more = true;
                }
            }
            if (!more) yield break;
            var sent = false;
            while (subscription.TryRead(out var e))
            {
                if (subscription.TakeDropped() is > 0 and var dropped)
                    yield return Item(LiveEventTypes.Overflow, Json(new
                    {
                        dropped, totalDropped = subscription.Dropped,
                        message = "this client did not keep up: its oldest pending events were dropped; reload the open alerts",
                    }));
                yield return Item(e);
                sent = true;
            }
            if (!sent) yield return Item(LiveEventTypes.Ping, "{}");
        }
    }

    private static SseItem<string> Item(LiveEvent e) => new(e.Data, e.Type) { EventId = Id(e.Id) };

    private static SseItem<string> Item(string type, string data) => new(data, type);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Json(object value) => JsonSerializer.Serialize(value, ContractJson.Options);
}
