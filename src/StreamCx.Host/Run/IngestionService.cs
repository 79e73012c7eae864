using Akka.Actor;
using Akka.Hosting;
using Akka.Streams;
using Akka.Streams.Dsl;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Processing;
using StreamCx.Engine.Durability;
using StreamCx.Engine.Hosting;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Sites;
using StreamCx.Host.Logging;
using StreamCx.Host.Metrics;
using StreamCx.Kafka;

namespace StreamCx.Host.Run;

/// <summary>
/// The main job: Kafka consumer-group source → parse + validate → site actors; rejected messages to the dead-letter
/// topic; offsets stored for auto-commit only up to what the sites' snapshots cover (see <see cref="OffsetLedger"/>).
/// </summary>
public sealed class IngestionService(
    ActorSystem system, ActorRegistry registry, KafkaSettings kafka, EngineSettings engine, FeedbackParser parser,
    DeadLetterPublisher deadLetters, PipelineCounters counters, EngineStatus status, IIngestionMetrics metrics, OffsetLedger ledger,
    SnapshotSettings snapshots, ILogger<IngestionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sites = await registry.GetAsync<SitesActor>(stoppingToken).ConfigureAwait(false);
        var (control, done) = KafkaRecordSource.Create(kafka, logger, stoppingToken)
            .Select(r => new RawFeedback(r.Value ?? [], new SourcePosition(r.Topic, r.Partition, r.Offset)) { Key = r.Key, ConsumedAt = r.ReceivedAt })
            .Via(FeedbackPipeline.Create(parser, sites, engine.Parallelism, engine.AskTimeout))
            .SelectAsync(1, async r =>
            {
                counters.Count(r);
                metrics.Observe(r);
                if (r.Rejection is { } rejection)
                {
                    logger.MessageRejected(r.Raw.Position.Topic, r.Raw.Position.Partition, r.Raw.Position.Offset, rejection.Code, rejection.Message);
                    var record = new ConsumedRecord(r.Raw.Position.Topic, r.Raw.Position.Partition, r.Raw.Position.Offset, r.Raw.Key, r.Raw.Value.ToArray(), null);
                    await deadLetters.PublishAsync(record, rejection.Code, rejection.Message, stoppingToken).ConfigureAwait(false);
                }
                var p = r.Raw.Position;
                if (snapshots.Enabled && r.Event is { } e && !r.AlreadyApplied && r.Outcome != IntakeOutcome.Duplicate)
                    ledger.Applied(e.SiteId, p.Topic, p.Partition, p.Offset); // committed once the site's snapshot covers it
                else
                    ledger.Done(p.Topic, p.Partition, p.Offset);
                return r;
            })
            .ToMaterialized(Sink.ForEach<PipelineResult>(_ => { }), Keep.Both)
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
        control.PartitionsAssigned += (_, e) => sites.Tell(new PartitionsReleased(e.Partitions.Select(tp => (tp.Topic, tp.Partition.Value)).ToArray()));
        using var storing = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        _ = StoreCommittableAsync(control, storing, stoppingToken);
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
            StoreCommittable(control);
            control.Commit();
            await control.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
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
