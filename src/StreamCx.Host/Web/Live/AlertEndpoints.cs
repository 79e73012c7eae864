using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StreamCx.Domain.Live;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Live;

namespace StreamCx.Host.Web.Live;

/// <summary>The open alerts, one alert with its history, acknowledge, resolve by hand.</summary>
public static class AlertEndpoints
{
    public static void MapAlertEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/alerts", (HttpRequest request, LiveFeed feed, ReferenceCatalog catalog) =>
        {
            var (filter, errors) = QueryFilter.Read(request.Query, catalog);
            if (filter is null) return ApiResults.BadRequest(errors);
            var position = feed.Position;
            return ApiResults.Ok(new { position, alerts = feed.Store.Open(filter) });
        });

        app.MapGet("/api/alerts/{alertId}", (string alertId, LiveFeed feed) =>
            feed.Store.Get(alertId) is { } record ? ApiResults.Ok(record) : UnknownAlert(alertId));

        app.MapPost("/api/alerts/{alertId}/ack", (string alertId, HttpRequest request, LiveFeed feed, AlertActions actions, CancellationToken ct) =>
            ActAsync(LiveEventTypes.Acknowledged, alertId, request, feed, actions, ct));

        app.MapPost("/api/alerts/{alertId}/resolve", (string alertId, HttpRequest request, LiveFeed feed, AlertActions actions, CancellationToken ct) =>
            ActAsync(LiveEventTypes.ResolvedByHand, alertId, request, feed, actions, ct));
    }

    private static async Task<IResult> ActAsync(string kind, string alertId, HttpRequest request, LiveFeed feed, AlertActions actions, CancellationToken ct)
    {
        var (action, error) = await ActionBody.ReadAsync(request, feed.Clock, ct).ConfigureAwait(false);
        if (action is null) return error!;
        var result = await actions.ActAsync(kind, alertId, action, ct).ConfigureAwait(false);
        if (result is null) return ApiResults.Error(StatusCodes.Status503ServiceUnavailable, "the state store is unavailable: the action was not recorded; try again");
        return result.Outcome switch
        {
            StoreOutcome.Done => ApiResults.Ok(result.Record!),
            StoreOutcome.AlreadyClosed => ApiResults.Error(StatusCodes.Status409Conflict, $"alert '{alertId}' is already closed"),
            _ => UnknownAlert(alertId),
        };
    }

    private static IResult UnknownAlert(string alertId) => ApiResults.NotFound($"no alert '{AlertFilterParser.Printable(alertId)}'");
}
