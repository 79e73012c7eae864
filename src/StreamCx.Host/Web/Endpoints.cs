using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Alerts;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Sites;
using StreamCx.Host.Alerts;
using StreamCx.Host.Run;
using StreamCx.Kafka;

namespace StreamCx.Host.Web;

/// <summary>Health for SREs and a status view of the running engine.</summary>
public static class Endpoints
{
    public static void MapStreamCx(this WebApplication app)
    {
        app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));
        app.MapGet("/health/ready", (EngineStatus status) => status.IsReady
            ? Results.Ok(new { status = "ready", partitions = status.Consumer!.AssignedPartitions.Count })
            : Results.Json(new
            {
                status = "not-ready",
                consumer = status.Consumer?.State.ToString() ?? "not started",
                unreachableSince = status.Consumer?.UnreachableSince,
                error = status.Consumer?.LastError?.Reason,
            }, statusCode: 503));
        app.MapGet("/api/status", (PipelineCounters c, AlertHub hub, EngineStatus status, DeadLetterPublisher deadLetters, AlertKafkaPublisher alertsOut) => Results.Ok(new
        {
            applied = c.Applied, late = c.Late, tooLate = c.TooLate, duplicates = c.Duplicates,
            rejected = c.Rejected, rejectedByReason = c.RejectedByReason, alertsEmitted = hub.Published,
            deadLetters = new { written = deadLetters.PublishedCount, failedAttempts = deadLetters.FailedCount, topic = deadLetters.Topic },
            alertsToKafka = new { delivered = alertsOut.Delivered, pending = alertsOut.Pending, failedAttempts = alertsOut.FailedAttempts, undeliverable = alertsOut.Undeliverable, topic = alertsOut.Topic },
            kafka = status.Consumer is not { } consumer ? null : new
            {
                state = consumer.State.ToString(),
                assignedPartitions = consumer.AssignedPartitions.Select(p => $"{p.Topic}[{p.Partition.Value}]").Order(StringComparer.Ordinal).ToArray(),
                consumed = consumer.ConsumedCount,
                droppedOnRevoke = consumer.DroppedCount,
                unreachableSince = consumer.UnreachableSince,
                lastError = consumer.LastError?.Reason,
            },
        }));
        app.MapGet("/api/sites/{siteId}/scores", async (string siteId, ReferenceCatalog catalog, ActorRegistry registry, CancellationToken ct) =>
        {
            if (!catalog.TryGetSite(siteId, out _)) return Results.NotFound(new { error = $"site '{siteId}' is not in the site registry" });
            var sites = await registry.GetAsync<SitesActor>(ct).ConfigureAwait(false);
            var scores = await sites.Ask<SiteScores>(new GetSiteScores(siteId), TimeSpan.FromSeconds(5), ct).ConfigureAwait(false);
            return Results.Ok(new
            {
                scores.SiteId,
                nps = new { value = Round(scores.Headline.Nps.Mean), count = scores.Headline.Nps.Count },
                csat = new { value = Round(scores.Headline.Csat.Mean), count = scores.Headline.Csat.Count },
                ces = new { value = Round(scores.Headline.Ces.Mean), count = scores.Headline.Ces.Count },
                attributes = scores.Attributes.ToDictionary(a => a.Key, a => new { count = a.Value.Count, sum = a.Value.Sum, tooLate = a.Value.TooLate }),
            });
        });
    }

    private static double? Round(double v) => double.IsNaN(v) ? null : Math.Round(v, 2);
}
