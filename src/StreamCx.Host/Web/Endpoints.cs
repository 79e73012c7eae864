using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Alerts;
using StreamCx.Engine.Durability;
using StreamCx.Engine.Grouping;
using StreamCx.Engine.Live;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Sites;
using StreamCx.Host.Alerts;
using StreamCx.Host.Run;
using StreamCx.Host.Web.Live;
using StreamCx.Kafka;


namespace StreamCx.Host.Web;

/// <summary>A status view of the running engine (health endpoints: Health/HealthEndpoints.cs).</summary>
public static class Endpoints
{
    public static void MapStreamCx(this WebApplication app)
    {
        app.MapGet("/api/status", async (PipelineCounters c, AlertHub hub, KafkaSettings kafka, LiveFeed feed, SnapshotCounters snaps, EngineStatus status,
            DeadLetterPublisher deadLetters, AlertKafkaPublisher alertsOut, EventTimeProgress eventTime, ActorRegistry registry, CancellationToken ct) => Results.Ok(new
        {
            journeys = await JourneyEndpoints.StatusAsync(registry, ct).ConfigureAwait(false),
            listening = await ListeningEndpoints.StatusAsync(registry, ct).ConfigureAwait(false),
            network = await StatusAsk.AskAsync<NetworkGroupsActor, NetworkStatus>(registry, GetNetworkStatus.Instance, ct).ConfigureAwait(false),
            eventTime = new { frontier = eventTime.Frontier, held = eventTime.Held, early = eventTime.Early, behindFrontier = eventTime.BehindFrontier, channels = eventTime.Channels },
            applied = c.Applied, late = c.Late, tooLate = c.TooLate, duplicates = c.Duplicates,
            rejected = c.Rejected, rejectedByReason = c.RejectedByReason, alertsEmitted = hub.Published,
            alreadyApplied = c.AlreadyApplied,
            deadLetters = new { written = deadLetters.PublishedCount, failedAttempts = deadLetters.FailedCount, topic = deadLetters.Topic },
            alertsToKafka = new { delivered = alertsOut.Delivered, pending = alertsOut.Pending, failedAttempts = alertsOut.FailedAttempts, undeliverable = alertsOut.Undeliverable, topic = alertsOut.Topic },
            snapshots = new { saved = snaps.Saved, failed = snaps.Failed, unreadable = snaps.Unreadable, bytesWritten = snaps.BytesWritten },
            stream = new { position = feed.Position, subscribers = feed.Subscribers, dropped = feed.Dropped, alertsKept = feed.Store.Count },
            kafka = new
            {
                bootstrapServers = kafka.BootstrapServers,
                topics = kafka.Topics,
                state = status.Consumer?.State.ToString(),
                assignedPartitions = status.Consumer?.AssignedPartitions.Select(p => $"{p.Topic}[{p.Partition.Value}]").Order(StringComparer.Ordinal).ToArray(),
                consumed = status.Consumer?.ConsumedCount,
                paused = status.Consumer?.IsPaused,
                droppedOnRevoke = status.Consumer?.DroppedCount,
                unreachableSince = status.Consumer?.UnreachableSince,
                lastError = status.Consumer?.LastError?.Reason,
                regions = new
                {
                    topic = kafka.RegionTopic,
                    assignedPartitions = status.RegionConsumer?.AssignedPartitions.Select(p => $"{p.Topic}[{p.Partition.Value}]").Order(StringComparer.Ordinal).ToArray(),
                    consumed = status.RegionConsumer?.ConsumedCount,
                    paused = status.RegionConsumer?.IsPaused,
                },
            },
        }));
        app.MapGet("/api/sites/{siteId}/scores", async (string siteId, ReferenceCatalog catalog, ActorRegistry registry, LiveFeed feed, CancellationToken ct) =>
            catalog.TryGetSite(siteId, out _)
                ? Results.Json(await ScoreEndpoints.SiteAsync(siteId, catalog, registry, feed, ct).ConfigureAwait(false), ContractJson.Options)
                : Results.NotFound(new { error = $"site '{siteId}' is not in the site registry" }));
    }
}
