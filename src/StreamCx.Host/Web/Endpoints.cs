using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Alerts;
using StreamCx.Engine.Durability;
using StreamCx.Engine.Live;
using StreamCx.Engine.Pipeline;
using StreamCx.Host.Web.Live;
using StreamCx.Kafka;

namespace StreamCx.Host.Web;

/// <summary>A status view of the running engine (health endpoints: Health/HealthEndpoints.cs).</summary>
public static class Endpoints
{
    public static void MapStreamCx(this WebApplication app)
    {
        app.MapGet("/api/status", (PipelineCounters c, AlertHub hub, KafkaSettings kafka, LiveFeed feed, SnapshotCounters snaps) => Results.Ok(new
        {
            applied = c.Applied, late = c.Late, tooLate = c.TooLate, duplicates = c.Duplicates,
            rejected = c.Rejected, rejectedByReason = c.RejectedByReason, alertsEmitted = hub.Published,
            kafka = new { bootstrapServers = kafka.BootstrapServers, topics = kafka.Topics },
            alreadyApplied = c.AlreadyApplied,
            snapshots = new { saved = snaps.Saved, failed = snaps.Failed, unreadable = snaps.Unreadable, bytesWritten = snaps.BytesWritten },
            stream = new { position = feed.Position, subscribers = feed.Subscribers, dropped = feed.Dropped, alertsKept = feed.Store.Count },
        }));
        app.MapGet("/api/sites/{siteId}/scores", async (string siteId, ReferenceCatalog catalog, ActorRegistry registry, LiveFeed feed, CancellationToken ct) =>
            catalog.TryGetSite(siteId, out _)
                ? Results.Json(await ScoreEndpoints.SiteAsync(siteId, catalog, registry, feed, ct).ConfigureAwait(false), ContractJson.Options)
                : Results.NotFound(new { error = $"site '{siteId}' is not in the site registry" }));
    }
}
