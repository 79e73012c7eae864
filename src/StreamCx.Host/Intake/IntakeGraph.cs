using Akka;
using Akka.Streams.Dsl;
using Microsoft.Extensions.Logging;
using StreamCx.Engine.Pipeline;
using StreamCx.Host.Logging;
using StreamCx.Host.Metrics;
using StreamCx.Host.Run;
using StreamCx.Kafka;

namespace StreamCx.Host.Intake;

/// <summary>
/// The intake stream: Kafka consumer-group source on the feedback topics (with end-of-partition markers), merged with a
/// clock tick → batches → <see cref="RegionIntake"/> (forwarded in order, a few batches' deliveries awaited at once) → each
/// rejected message counted, logged and dead-lettered → every offset stored for commit, in consumption order. The
/// events themselves are counted where they are applied, by the regions.
/// </summary>
public static class IntakeGraph
{
    /// <summary>Batches whose deliveries are awaited side by side (each is forwarded, in order, before the next is taken).</summary>
    private const int ForwardsInFlight = 4;

    public static IRunnableGraph<(IKafkaConsumerControl Control, Task<Done> Completion)> Create(
        KafkaSettings kafka, RegionIntake intake, int batchSize, DeadLetterPublisher deadLetters, PipelineCounters counters, IIngestionMetrics metrics,
        ILogger logger, CancellationToken abort)
    {
        IKafkaConsumerControl? control = null;
        var tick = RegionIntake.ReportInterval / 2;
        return KafkaRecordSource.Create(kafka, logger, endOfPartitionMarkers: true, CancellationToken.None)
            .MapMaterializedValue(c => control = c)
            .Merge(Source.Tick(tick, tick, RegionIntake.Tick).MapMaterializedValue(_ => (IKafkaConsumerControl)null!), eagerComplete: true)
            .Batch(batchSize, first => new List<ConsumedRecord>(16) { first }, (batch, next) =>
            {
                batch.Add(next);
                return batch;
            })
            .SelectAsync(1, async batch =>
            {
                await intake.ReadyAsync(abort).ConfigureAwait(false); // the region topic's partition count, once
                return batch;
            })
            .SelectAsync(ForwardsInFlight, batch => intake.ForwardAsync(batch, abort)) // forwarded in order; deliveries awaited side by side
            .SelectAsync(1, async forwarded =>
            {
                foreach (var (record, rejection) in forwarded)
                {
                    if (rejection is not null)
                    {
                        var result = new PipelineResult(new RawFeedback(record.Value, new SourcePosition(record.Topic, record.Partition, record.Offset))
                        {
                            Key = record.Key, ConsumedAt = record.ReceivedAt,
                        }, null, null, rejection);
                        counters.Count(result);
                        metrics.Observe(result);
                        logger.MessageRejected(record.Topic, record.Partition, record.Offset, rejection.Code, rejection.Message);
                        await IngestionGraph.DeadLetterAsync(deadLetters, result, rejection, logger, abort).ConfigureAwait(false);
                    }
                    control!.StoreOffset(record.Topic, record.Partition, record.Offset);
                }
                return Done.Instance;
            })
            .ToMaterialized(Sink.Ignore<Done>(), Keep.Both);
    }
}
