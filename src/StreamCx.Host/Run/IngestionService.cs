using Akka.Actor;
using Akka.Hosting;
using Akka.Streams;
using Akka.Streams.Dsl;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StreamCx.Domain.Ingestion;
using StreamCx.Engine.Hosting;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Sites;
using StreamCx.Host.Logging;
using StreamCx.Host.Metrics;
using StreamCx.Kafka;

namespace StreamCx.Host.Run;

/// <summary>
/// The main job: Kafka consumer-group source → parse + validate → site actors; rejected messages to the dead-letter
/// topic; offsets stored once a message is applied or dead-lettered, so auto-commit never passes unapplied work.
/// </summary>
public sealed class IngestionService(
    ActorSystem system, ActorRegistry registry, KafkaSettings kafka, EngineSettings engine, FeedbackParser parser,
    DeadLetterPublisher deadLetters, PipelineCounters counters, EngineStatus status, IIngestionMetrics metrics, ILogger<IngestionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sites = await registry.GetAsync<SitesActor>(stoppingToken).ConfigureAwait(false);
        var controlReady = new TaskCompletionSource<IKafkaConsumerControl>(TaskCreationOptions.RunContinuationsAsynchronously);
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
                var consumer = await controlReady.Task.ConfigureAwait(false);
                consumer.StoreOffset(r.Raw.Position.Topic, r.Raw.Position.Partition, r.Raw.Position.Offset);
                return r;
            })
            .ToMaterialized(Sink.ForEach<PipelineResult>(_ => { }), Keep.Both)
            .Run(system.Materializer());
        metrics.Attach(control);
        controlReady.SetResult(control);
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
            control.Commit();
            await control.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
