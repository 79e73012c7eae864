using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StreamCx.Domain.Complaints;
using StreamCx.Domain.Incidents;
using StreamCx.Domain.Live;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Service;
using StreamCx.Engine.Listening;
using StreamCx.Engine.Sites;

namespace StreamCx.Host.Web.Live;

/// <summary>
/// <c>GET /api/complaints/board?region=&amp;site=&amp;channel=&amp;days=</c>: the reasons board — each reason's complaints over
/// the last <c>days</c> (default 7, at most 90) up to the newest complaint, per day, by channel and by site, for a region, a
/// site or the network, optionally one channel; <c>GET /api/staff-reports/board?region=&amp;site=&amp;role=&amp;days=</c>: the
/// same of negative staff reports, per attribute or topic, by reporter role. And the other views of the listening sources.
/// </summary>
public static class ListeningEndpoints
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    public static void MapListeningEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/complaints/board", (HttpRequest request, ReferenceCatalog catalog, ActorRegistry registry, CancellationToken ct) =>
            BoardAsync(BoardQuery(request.Query, catalog, out var errors), errors, registry, ct));
        app.MapGet("/api/staff-reports/board", (HttpRequest request, ReferenceCatalog catalog, ActorRegistry registry, CancellationToken ct) =>
            BoardAsync(BoardQuery(request.Query, catalog, out var errors, "role") is { } query ? query with { StaffReports = true } : null, errors, registry, ct));
        // measured on the region's sites' days, as the sites that cite incidents by it measure it: the closed days (through the day
        // before the newest any site of the region has) — answered by the region's holder, on any engine
        app.MapGet("/api/regions/{regionId}/incident-correlation", async (string regionId, ReferenceCatalog catalog, ActorRegistry registry, CancellationToken ct) =>
        {
            if (!catalog.Regions.Contains(regionId, StringComparer.Ordinal)) return ApiResults.NotFound($"no region '{AlertFilterParser.Printable(regionId)}'");
            var sites = await registry.GetAsync<SitesActor>(ct).ConfigureAwait(false);
            var found = await Task.WhenAll(catalog.SitesIn(regionId).Select(s => sites.Ask<SiteDaysFound>(new GetSiteDays(s.SiteId), AskTimeout, ct))).ConfigureAwait(false);
            var measured = IncidentCorrelation.OfRegion(catalog.Listening, [.. found.SelectMany(f => f.Days)]);
            return ApiResults.Ok(new
            {
                regionId, days = IncidentCorrelation.Days, minSiteDays = IncidentCorrelation.MinSiteDays, minBearing = IncidentCorrelation.MinBearing,
                throughDay = measured is { ThroughDay: var d } ? new DateTimeOffset(d * TimeSpan.TicksPerDay, TimeSpan.Zero).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null,
                correlations = (measured?.Correlations ?? []).Select(c => new { c.IncidentType, c.AttributeId, c.Correlation, c.SiteDays, c.Catalogued, c.Bears }),
            });
        });
        app.MapGet("/api/service", async (HttpRequest request, ReferenceCatalog catalog, ActorRegistry registry, CancellationToken ct) =>
        {
            if (ServiceQuery(request.Query, catalog, out var errors) is not { } query) return ApiResults.BadRequest(errors);
            if (!registry.TryGet<ListeningActor>(out var listening))
                return ApiResults.Error(StatusCodes.Status503ServiceUnavailable, "the listening sources are not running");
            return ApiResults.Ok(new { query.Days, rows = await listening.Ask<IReadOnlyList<ServiceView>>(query, AskTimeout, ct).ConfigureAwait(false) });
        });
    }

    private static async Task<IResult> BoardAsync(GetComplaintBoard? query, List<string> errors, ActorRegistry registry, CancellationToken ct)
    {
        if (query is null) return ApiResults.BadRequest(errors);
        if (!registry.TryGet<ListeningActor>(out var listening))
            return ApiResults.Error(StatusCodes.Status503ServiceUnavailable, "the listening sources are not running");
        return ApiResults.Ok(await listening.Ask<ComplaintBoard>(query, AskTimeout, ct).ConfigureAwait(false));
    }

    /// <summary>
    /// The query, checked: a known region and site, a <paramref name="group"/> (the complaints' channel, the staff reports'
    /// role) of at most 100 characters, 1 to 90 days.
    /// </summary>
    public static GetComplaintBoard? BoardQuery(IQueryCollection q, ReferenceCatalog catalog, out List<string> errors, string group = "channel")
    {
        errors = [];
        string? region = q["region"], site = q["site"], channel = q[group], daysText = q["days"];
        if (region is not null && !catalog.Regions.Contains(region, StringComparer.Ordinal))
            errors.Add($"region '{AlertFilterParser.Printable(region)}' is not a region of the site registry");
        if (site is not null && !catalog.TryGetSite(site, out _))
            errors.Add($"site '{AlertFilterParser.Printable(site)}' is not in the site registry");
        if (channel is { Length: 0 or > 100 }) errors.Add($"{group} must be 1 to 100 characters");
        if (!WholeNumberQuery.TryRead(daysText, "days", 1, 90, 7, out var days, out var daysError)) errors.Add(daysError);
        return errors.Count == 0 ? new GetComplaintBoard(region, site, channel, days) : null;
    }

    /// <summary>
    /// The service figures' query, checked: a known region and site, 1 to <see cref="ServiceKpis.RetentionDays"/> days
    /// (<see cref="ServiceKpis.DefaultDays"/> by default); null with the errors otherwise.
    /// </summary>
    public static GetServiceKpis? ServiceQuery(IQueryCollection q, ReferenceCatalog catalog, out List<string> errors)
    {
        errors = [];
        string? region = q["region"], site = q["site"], daysText = q["days"];
        if (region is not null && !catalog.Regions.Contains(region, StringComparer.Ordinal))
            errors.Add($"region '{AlertFilterParser.Printable(region)}' is not a region of the site registry");
        if (site is not null && !catalog.TryGetSite(site, out _))
            errors.Add($"site '{AlertFilterParser.Printable(site)}' is not in the site registry");
        if (!WholeNumberQuery.TryRead(daysText, "days", 1, ServiceKpis.RetentionDays, ServiceKpis.DefaultDays, out var days, out var daysError)) errors.Add(daysError);
        return errors.Count == 0 ? new GetServiceKpis(region, site, days) : null;
    }

    /// <summary>The listening sources' counters for <c>/api/status</c>; null when they are not running or do not answer within a second.</summary>
    public static Task<ListeningStatus?> StatusAsync(ActorRegistry registry, CancellationToken ct) =>
        StatusAsk.AskAsync<ListeningActor, ListeningStatus>(registry, GetListeningStatus.Instance, ct);
}
