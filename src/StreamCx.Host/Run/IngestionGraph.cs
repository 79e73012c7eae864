using Akka;
using Akka.Actor;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using StreamCx.Domain.Ingestion;
using StreamCx.Engine.Hosting;
using StreamCx.Engine.Pipeline;
using StreamCx.Host.Logging;
using StreamCx.Kafka;

namespace StreamCx.Host.Run;

/// <summary>
/// The engine's ingestion stream: Kafka consumer-group source → parse + validate → site actors; each rejected
/// message written to the dead-letter topic; then, in consumption order, <c>handled</c> is told (the service
/// stores for commit only what the sites' snapshots cover). The service and the performance harness run the same graph.
/// </summary>
public static class IngestionGraph
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <param name="abort">Cancels a dead letter that is waiting for Kafka (the stream then fails; the offset stays uncommitted).</param>
    /// <param name="handled">Told of each result in consumption order, once it is applied or dead-lettered; by default its offset is stored for commit.</param>
    /// <param name="journeys">The journeys actor, given journey messages and feedback of a journey or an account; none: journey messages are only counted.</param>
    /// <param name="listening">The listening sources' actor, given complaints, incidents, staff reports and social mentions; none: they are only counted.</param>
    /// <param name="regionTopic">
    /// True when <paramref name="kafka"/> names the region topic the intake writes (<see cref="Intake.RegionTopic"/>): its
    /// records carry their input and the intake's reports; false to consume feedback topics directly (each partition an
    /// input, read to its end when its marker comes).
    /// </param>
    public static IRunnableGraph<(IKafkaConsumerControl Control, Task<Done> Completion)> Create(
        KafkaSettings kafka, FeedbackParser parser, IActorRef sites, EngineSettings engine, DeadLetterPublisher deadLetters,
        PipelineCounters counters, ILogger logger, CancellationToken abort, Action<IKafkaConsumerControl, PipelineResult>? handled = null,
        IActorRef? journeys = null, bool regionTopic = false, IActorRef? listening = null)
    {
        handled ??= static (control, r) => control.StoreOffset(r.Raw.Position.Topic, r.Raw.Position.Partition, r.Raw.Position.Offset);
        IKafkaConsumerControl? control = null;
        return KafkaRecordSource.Create(kafka, logger, endOfPartitionMarkers: !regionTopic, CancellationToken.None)
            .MapMaterializedValue(c => control = c)
            .Select(r => regionTopic ? Intake.RegionTopic.Decode(r)
                : new RawFeedback(r.Value, new SourcePosition(r.Topic, r.Partition, r.Offset)) { Key = r.Key, ConsumedAt = r.ReceivedAt, EndOfPartition = r.EndOfPartition })
            .Via(FeedbackPipeline.CreateBatched(parser, sites, engine.Parallelism, engine.AskTimeout, engine.BatchSize, journeys, listening))
            .SelectAsync(1, results => HandleAsync(results, control!, handled, deadLetters, counters, logger, abort))
            .ToMaterialized(Sink.Ignore<PipelineResult[]>(), Keep.Both);
    }

    /// <summary>
    /// A batch's results in order: each counted, each rejection logged and dead-lettered (waited for: its offset must not be
    /// stored before), then handed to <paramref name="handled"/>. Completes at once when the batch has no rejection.
    /// </summary>
    private static async Task<PipelineResult[]> HandleAsync(
        PipelineResult[] results, IKafkaConsumerControl control, Action<IKafkaConsumerControl, PipelineResult> handled,
        DeadLetterPublisher deadLetters, PipelineCounters counters, ILogger logger, CancellationToken abort)
    {
        foreach (var r in results)
        {
            if (r.Raw.EndOfPartition) continue; // a partition read to its end: the router took it, nothing to count or store
            if (r.Raw.Reports is not null)
            {
                handled(control, r); // the intake's reports: taken by the router, nothing to count
                continue;
            }
            if (r.CountsMessage) counters.Count(r); // a message once, however many copies the journeys got
            if (r.Rejection is { } rejection)
            {
                logger.MessageRejected(r.Raw.Position.Topic, r.Raw.Position.Partition, r.Raw.Position.Offset, rejection.Code, rejection.Message);
                await DeadLetterAsync(deadLetters, r, rejection, logger, abort).ConfigureAwait(false);
            }

            handled(control, r);
        }

        return results;
    }

    /// <summary>Writes the dead letter, trying again (with a growing delay) until it is written: its offset must not be committed before.</summary>
    internal static async Task DeadLetterAsync(DeadLetterPublisher deadLetters, PipelineResult result, Rejection rejection, ILogger logger, CancellationToken abort)
    {
        var position = result.Raw.Source ?? result.Raw.Position; // where the message was first read
        var record = new ConsumedRecord(position.Topic, position.Partition, position.Offset, result.Raw.Key, result.Raw.Value.ToArray(), null);
        var delay = FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await deadLetters.PublishAsync(record, rejection.Code, rejection.Message, abort).ConfigureAwait(false);
                return;
            }
            catch (KafkaException e) when (!abort.IsCancellationRequested)
            {
                logger.LogError("dead letter for {Position} not written to {Topic} (attempt {Attempt}: {Code} {Reason}); ingestion waits and tries again in {Delay}",
                    position, deadLetters.Topic, attempt, e.Error.Code, e.Error.Reason, delay);
            }

            await Task.Delay(delay, abort).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
        }
    }
}
