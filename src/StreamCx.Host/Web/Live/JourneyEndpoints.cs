using System.Globalization;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StreamCx.Domain.Journeys;
using StreamCx.Domain.Live;
using StreamCx.Engine.Journeys;

namespace StreamCx.Host.Web.Live;

/// <summary>
/// <c>GET /api/journeys/{id}</c> and <c>GET /api/accounts/{id}</c>: a journey (its numbers, red rules, timeline, alert) or
/// an account (scores by role), on any engine: as this engine holds it, or as the latest snapshot of the engine that
/// holds it says. 404 when none holds it. <c>GET /api/journey-indicators</c>: the journey indicators by site, region or
/// department over every journey, whichever engine holds it.
/// </summary>
public static class JourneyEndpoints
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    public static void MapJourneyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/journeys/{journeyId}", async (string journeyId, ActorRegistry registry, CancellationToken ct) =>
        {
            if (!registry.TryGet<JourneysActor>(out var journeys)) return Unavailable();
            var found = await journeys.Ask<JourneyFound>(new GetJourney(journeyId), AskTimeout, ct).ConfigureAwait(false);
            return found.Journey is { } j ? ApiResults.Ok(j) : ApiResults.NotFound($"no journey '{AlertFilterParser.Printable(journeyId)}'");
        });
        app.MapGet("/api/accounts/{accountId}", async (string accountId, ActorRegistry registry, CancellationToken ct) =>
        {
            if (!registry.TryGet<JourneysActor>(out var journeys)) return Unavailable();
            var found = await journeys.Ask<AccountFound>(new GetAccount(accountId), AskTimeout, ct).ConfigureAwait(false);
            return found.Account is { } a ? ApiResults.Ok(a) : ApiResults.NotFound($"no account '{AlertFilterParser.Printable(accountId)}'");
        });
        app.MapGet("/api/journey-indicators", async (HttpRequest request, ActorRegistry registry, CancellationToken ct) =>
        {
            if (IndicatorsQuery(request.Query, out var errors) is not { } query) return ApiResults.BadRequest(errors);
            if (!registry.TryGet<JourneysActor>(out var journeys)) return Unavailable();
            return ApiResults.Ok(await journeys.Ask<JourneyIndicatorsFound>(query, AskTimeout, ct).ConfigureAwait(false));
        });
    }

    /// <summary>The query, checked: <c>by</c> site (default), region or department; <c>days</c> 1 to 365 (default 30).</summary>
    public static GetJourneyIndicators? IndicatorsQuery(IQueryCollection q, out List<string> errors)
    {
        errors = [];
        foreach (var key in q.Keys.Where(k => k is not ("by" or "days")))
            errors.Add($"unknown parameter '{AlertFilterParser.Printable(key)}' (known: by, days)");
        string? byText = q["by"], daysText = q["days"];
        var by = JourneyIndicatorScope.Site;
        if (byText is not null && !Scopes.TryGetValue(byText, out by))
            errors.Add($"by must be site, region or department, got '{AlertFilterParser.Printable(byText)}'");
        if (!WholeNumberQuery.TryRead(daysText, "days", 1, 365, 30, out var days, out var daysError)) errors.Add(daysError);
        return errors.Count == 0 ? new GetJourneyIndicators(by, days) : null;
    }

    private static readonly Dictionary<string, JourneyIndicatorScope> Scopes = new(StringComparer.Ordinal)
    {
        ["site"] = JourneyIndicatorScope.Site,
        ["region"] = JourneyIndicatorScope.Region,
        ["department"] = JourneyIndicatorScope.Department,
    };

    /// <summary>The journeys' counters for <c>/api/status</c>; null when the journeys are not running or do not answer within a second.</summary>
    public static Task<JourneyStatus?> StatusAsync(ActorRegistry registry, CancellationToken ct) =>
        StatusAsk.AskAsync<JourneysActor, JourneyStatus>(registry, GetJourneyStatus.Instance, ct);

    private static IResult Unavailable() => ApiResults.Error(StatusCodes.Status503ServiceUnavailable, "the journeys are not running");
}
