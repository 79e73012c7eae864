using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StreamCx.Domain.Live;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Units;
using StreamCx.Engine.Live;
using StreamCx.Engine.Sites;

namespace StreamCx.Host.Web.Live;

/// <summary>The reference data the page filters on, the scores of every site × attribute of a region, and a site's units.</summary>
public static class ScoreEndpoints
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    public static void MapScoreEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/catalog", (ReferenceCatalog catalog) => ApiResults.Ok(new
        {
            regions = catalog.Regions.Select(r => new { regionId = r, sites = catalog.SitesIn(r).Select(s => new { s.SiteId, s.Name }) }),
            attributes = catalog.Attributes.Select(a => new { a.AttributeId, a.Label, a.Min, a.Max, a.DissatisfiedAtOrBelow }),
        }));

        app.MapGet("/api/regions/{regionId}/scores", async (string regionId, ReferenceCatalog catalog, ActorRegistry registry, LiveFeed feed, CancellationToken ct) =>
        {
            if (!catalog.Regions.Contains(regionId, StringComparer.Ordinal)) return ApiResults.NotFound($"no region '{AlertFilterParser.Printable(regionId)}'");
            var sites = await registry.GetAsync<SitesActor>(ct).ConfigureAwait(false);
            var scores = await Task.WhenAll(catalog.SitesIn(regionId).Select(s => sites.Ask<SiteScores>(new GetSiteScores(s.SiteId), AskTimeout, ct))).ConfigureAwait(false);
            return ApiResults.Ok(new
            {
                regionId,
                attributes = catalog.Attributes.Select(a => new { a.AttributeId, a.Label, a.Min, a.Max }),
                sites = scores.Select(s => ScoreViews.Site(s, catalog, feed.Store)),
            });
        });

        app.MapGet("/api/sites/{siteId}/units", async (string siteId, HttpRequest request, ReferenceCatalog catalog, ActorRegistry registry, CancellationToken ct) =>
        {
            string? attribute = request.Query["attribute"], hoursText = request.Query["hours"];
            if (!catalog.TryGetSite(siteId, out _)) return ApiResults.NotFound($"site '{AlertFilterParser.Printable(siteId)}' is not in the site registry");
            if (attribute is null || !catalog.TryGetAttribute(attribute, out _)) return ApiResults.BadRequest($"attribute: give an attribute of the catalog, got '{AlertFilterParser.Printable(attribute ?? "")}'");
            if (!WholeNumberQuery.TryRead(hoursText, "hours", 1, SiteUnits.RetentionHours, 24, out var hours, out var error)) return ApiResults.BadRequest(error);
            var sites = await registry.GetAsync<SitesActor>(ct).ConfigureAwait(false);
            return ApiResults.Ok(await sites.Ask<SiteUnitsFound>(new GetSiteUnits(siteId, attribute, hours), AskTimeout, ct).ConfigureAwait(false));
        });
    }

    /// <summary>One site's scores (the body of <c>GET /api/sites/{siteId}/scores</c>).</summary>
    public static async Task<object> SiteAsync(string siteId, ReferenceCatalog catalog, ActorRegistry registry, LiveFeed feed, CancellationToken ct)
    {
        var sites = await registry.GetAsync<SitesActor>(ct).ConfigureAwait(false);
        var scores = await sites.Ask<SiteScores>(new GetSiteScores(siteId), AskTimeout, ct).ConfigureAwait(false);
        return ScoreViews.Site(scores, catalog, feed.Store);
    }
}
