using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StreamCx.Domain.Live;
using StreamCx.Engine.Journeys;

namespace StreamCx.Host.Web.Live;

/// <summary>
/// <c>GET /api/journeys/{id}</c> and <c>GET /api/accounts/{id}</c>: a journey (its numbers, red rules, timeline, alert) or
/// an account (scores by role), on any engine: as this engine holds it, or as the latest snapshot of the engine that
/// holds it says. 404 when none holds it.
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
    }

    /// <summary>The journeys' counters for <c>/api/status</c>; null when the journeys are not running or do not answer within a second.</summary>
    public static Task<JourneyStatus?> StatusAsync(ActorRegistry registry, CancellationToken ct) =>
        StatusAsk.AskAsync<JourneysActor, JourneyStatus>(registry, GetJourneyStatus.Instance, ct);

    private static IResult Unavailable() => ApiResults.Error(StatusCodes.Status503ServiceUnavailable, "the journeys are not running");
}
