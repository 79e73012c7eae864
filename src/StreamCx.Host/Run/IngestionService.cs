using Akka;
using Akka.Actor;
using Akka.Hosting;
using Akka.Streams;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Processing;
using StreamCx.Engine.Durability;
using StreamCx.Engine.Hosting;
using StreamCx.Engine.Journeys;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Sites;
using StreamCx.Host.Metrics;
using StreamCx.Kafka;

namespace StreamCx.Host.Run;

/// <summary>
/// Runs the <see cref="IngestionGraph"/> for the life of the engine. Stopping is graceful: the consumer stops
/// fetching and revokes its partitions as in a rebalance (records still buffered are left for the next owner,
/// those in flight are applied and their offsets stored and committed), then leaves the group; the final totals
/// are logged. Offsets are stored for commit only up to what the sites' snapshots cover (<see cref="OffsetLedger"/>):
/// before stopping, every site is asked to snapshot what it holds.
/// </summary>
public sealed class IngestionService(
    ActorSystem system, ActorRegistry registry, KafkaSettings kafka, EngineSettings engine, FeedbackParser parser,
    DeadLetterPublisher deadLetters, PipelineCounters counters, EngineStatus status, IIngestionMetrics metrics, OffsetLedger ledger,
    SnapshotSettings snapshots, ILogger<IngestionService> logger) : BackgroundService
{
    /// <summary>How long stopping waits for dead letters still waiting for Kafka before giving up on them (their offsets stay uncommitted).</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(20);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sites = await registry.GetAsync<SitesActor>(stoppingToken).ConfigureAwait(false);
        var journeys = registry.TryGet<JourneysActor>(out var j) ? j : null;
        using var abort = new CancellationTokenSource();
        var (control, done) = IngestionGraph.Create(kafka, parser, sites, engine, deadLetters, counters, logger, abort.Token, Handled, journeys)
            .Run(system.Materializer());
        metrics.Attach(control);
        status.Consumer = control;
        void Release(IReadOnlyList<Confluent.Kafka.TopicPartition> partitions)
        {
            foreach (var tp in partitions) ledger.Revoke(tp.Topic, tp.Partition.Value);
            sites.Tell(new PartitionsReleased(partitions.Select(tp => (tp.Topic, tp.Partition.Value)).ToArray()));
        }
        control.PartitionsRevoked += (_, e) => Release(e.Partitions);
        control.PartitionsLost += (_, e) => Release(e.Partitions);
        // a site left in memory from an earlier ownership of a partition may be stale: it restarts from its snapshot
        // sites left from an earlier ownership are dropped; each partition holds event time back until it delivers or is caught up
        control.PartitionsAssigned += (_, e) => sites.Tell(new PartitionsAssigned(e.Partitions.Select(tp => (tp.Topic, tp.Partition.Value)).ToArray()));
        using var storing = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        _ = StoreCommittableAsync(control, storing, stoppingToken);
        if (logger.IsEnabled(LogLevel.Information))
            logger.LogInformation("consuming {Topics} as group {Group} from {Bootstrap}", string.Join(", ", kafka.Topics), kafka.GroupId, kafka.BootstrapServers);
        try
        {
            await done.WaitAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await SnapshotEverythingAsync(sites, control).ConfigureAwait(false);
            await StopAsync(control, done, abort).ConfigureAwait(false);
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation(
                    "ingestion stopped: applied={Applied} late={Late} tooLate={TooLate} duplicates={Duplicates} rejected={Rejected} deadLettered={DeadLettered} consumed={Consumed} droppedOnRevoke={Dropped}",
                    counters.Applied, counters.Late, counters.TooLate, counters.Duplicates, counters.Rejected, deadLetters.PublishedCount, control.ConsumedCount, control.DroppedCount);
            }
        }
    }

    private async Task StopAsync(IKafkaConsumerControl control, Task<Done> done, CancellationTokenSource abort)
    {
        var finished = Task.WhenAll(control.StopAsync(), done);
        if (await Task.WhenAny(finished, Task.Delay(StopGrace)).ConfigureAwait(false) != finished)
        {
            logger.LogWarning("ingestion did not finish within {Grace} of the stop (a dead letter is waiting for Kafka); giving up on what is in flight: its offsets stay uncommitted", StopGrace);
            await abort.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            await finished.WaitAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            logger.LogWarning("ingestion stopped before everything in flight was applied ({Reason})", e.Message);
        }
    }

    private void Handled(IKafkaConsumerControl control, PipelineResult r)
    {
        metrics.Observe(r);
        var p = r.Raw.Position;
        if (snapshots.Enabled && r.Event is { } e && !r.AlreadyApplied && r.Outcome != IntakeOutcome.Duplicate)
            ledger.Applied(e.SiteId, p.Topic, p.Partition, p.Offset); // committed once the site's snapshot covers it
        else
            ledger.Done(p.Topic, p.Partition, p.Offset);
    }

    /// <summary>Before a graceful stop: every site snapshots now, so that the final commit covers what was applied.</summary>
    private async Task SnapshotEverythingAsync(IActorRef sites, IKafkaConsumerControl control)
    {
        if (!snapshots.Enabled) return;
        sites.Tell(SnapshotNow.Instance);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (ledger.HasPending && DateTime.UtcNow < deadline) await Task.Delay(50).ConfigureAwait(false);
        StoreCommittable(control);
    }

    /// <summary>Stores, for auto-commit, every offset the ledger says is safe (applied and covered by snapshots).</summary>
    private async Task StoreCommittableAsync(IKafkaConsumerControl control, PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false)) StoreCommittable(control);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void StoreCommittable(IKafkaConsumerControl control)
    {
        foreach (var (topic, partition, next) in ledger.Committable())
            if (next > 0) control.StoreOffset(topic, partition, next - 1);
    }
}
