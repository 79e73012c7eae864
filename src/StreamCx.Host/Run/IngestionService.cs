using Akka;
using Akka.Actor;
using Akka.Hosting;
using Akka.Streams;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StreamCx.Domain.Ingestion;
using StreamCx.Engine.Hosting;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Sites;
using StreamCx.Kafka;

namespace StreamCx.Host.Run;

/// <summary>
/// Runs the <see cref="IngestionGraph"/> for the life of the engine. Stopping is graceful: the consumer stops
/// fetching and revokes its partitions as in a rebalance (records still buffered are left for the next owner,
/// those in flight are applied and their offsets stored and committed), then leaves the group; the final totals
/// are logged.
/// </summary>
public sealed class IngestionService(
    ActorSystem system, ActorRegistry registry, KafkaSettings kafka, EngineSettings engine, FeedbackParser parser,
    DeadLetterPublisher deadLetters, PipelineCounters counters, EngineStatus status, ILogger<IngestionService> logger) : BackgroundService
{
    /// <summary>How long stopping waits for dead letters still waiting for Kafka before giving up on them (their offsets stay uncommitted).</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(20);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sites = await registry.GetAsync<SitesActor>(stoppingToken).ConfigureAwait(false);
        using var abort = new CancellationTokenSource();
        var (control, done) = IngestionGraph.Create(kafka, parser, sites, engine, deadLetters, counters, logger, abort.Token)
            .Run(system.Materializer());
        status.Consumer = control;
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
            await StopAsync(control, done, abort).ConfigureAwait(false);
            logger.LogInformation(
                "ingestion stopped: applied={Applied} late={Late} tooLate={TooLate} duplicates={Duplicates} rejected={Rejected} deadLettered={DeadLettered} consumed={Consumed} droppedOnRevoke={Dropped}",
                counters.Applied, counters.Late, counters.TooLate, counters.Duplicates, counters.Rejected, deadLetters.PublishedCount, control.ConsumedCount, control.DroppedCount);
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
}
