using System.Globalization;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StreamCx.Domain.Channels;
using StreamCx.Domain.Live;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Listening;

namespace StreamCx.Host.Web.Live;

/// <summary>
/// <c>GET /api/sites/{siteId}/channels?hours=</c> and <c>GET /api/regions/{regionId}/channels?hours=</c>: NPS, CSAT, CES and
/// every attribute per channel, per touchpoint and per channel × touchpoint over the last <c>hours</c> (default and at most the
/// longest of <c>Channels:SpansHours</c>) up to the newest feedback, each channel and touchpoint with its gap to the others and
/// whether it is markedly worse (what this engine holds).
/// </summary>
public static class ChannelEndpoints
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    public static void MapChannelEndpoints(this IEndpointRouteBuilder app, ChannelSettings settings)
    {
        app.MapGet("/api/sites/{siteId}/channels", (string siteId, HttpRequest request, ReferenceCatalog catalog, ActorRegistry registry, CancellationToken ct) =>
            catalog.TryGetSite(siteId, out var site)
                ? AskAsync(registry, request, settings, new { siteId, regionId = site.RegionId }, hours => new GetChannels(null, siteId, hours), ct)
                : Task.FromResult(ApiResults.NotFound($"site '{AlertFilterParser.Printable(siteId)}' is not in the site registry")));
        app.MapGet("/api/regions/{regionId}/channels", (string regionId, HttpRequest request, ReferenceCatalog catalog, ActorRegistry registry, CancellationToken ct) =>
            catalog.Regions.Contains(regionId, StringComparer.Ordinal)
                ? AskAsync(registry, request, settings, new { siteId = (string?)null, regionId }, hours => new GetChannels(regionId, null, hours), ct)
                : Task.FromResult(ApiResults.NotFound($"no region '{AlertFilterParser.Printable(regionId)}'")));
    }

    private static async Task<IResult> AskAsync(
        ActorRegistry registry, HttpRequest request, ChannelSettings settings, object scope, Func<int, GetChannels> query, CancellationToken ct)
    {
        string? hoursText = request.Query["hours"];
        if (!WholeNumberQuery.TryRead(hoursText, "hours", 1, settings.WindowHours, settings.WindowHours, out var hours, out var error)) return ApiResults.BadRequest(error);
        if (!registry.TryGet<ListeningActor>(out var listening))
            return ApiResults.Error(StatusCodes.Status503ServiceUnavailable, "the listening sources are not running");
        var view = await listening.Ask<ChannelView>(query(hours), AskTimeout, ct).ConfigureAwait(false);
        return ApiResults.Ok(new { scope, spansHours = settings.Spans, minResponses = settings.MinResponses, view });
    }
}
