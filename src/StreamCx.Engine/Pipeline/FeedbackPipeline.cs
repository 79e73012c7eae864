using Akka;
using Akka.Actor;
using Akka.Streams.Dsl;
using StreamCx.Domain.Ingestion;
using StreamCx.Engine.Sites;

namespace StreamCx.Engine.Pipeline;

/// <summary>
/// parse + validate → site actors, as an Akka.Streams flow: results in input order (so offsets can be committed in
/// order), backpressure all the way to the source. While the sites keep up, each message goes on its own; when they
/// fall behind, the messages waiting upstream are gathered into batches of at most <c>batchSize</c>, sent to the
/// sites as one message and answered through one <see cref="FeedbackReceipt"/>: at most <c>parallelism</c> batches
/// are in flight. Batching only forms under load, so it adds no latency when the engine is idle.
/// </summary>
public static class FeedbackPipeline
{
    public const int DefaultBatchSize = 256;

    public static Flow<RawFeedback, PipelineResult, NotUsed> Create(
        FeedbackParser parser, IActorRef sites, int parallelism, TimeSpan askTimeout, int batchSize = DefaultBatchSize) =>
        Flow.Create<RawFeedback>()
            .Batch(batchSize, first => new List<RawFeedback>(Math.Min(batchSize, 16)) { first }, (batch, next) =>
            {
                batch.Add(next);
                return batch;
            })
            .SelectAsync(parallelism, batch => ApplyAsync(parser, sites, batch, askTimeout))
            .SelectMany(results => results);

    private static async Task<PipelineResult[]> ApplyAsync(FeedbackParser parser, IActorRef sites, List<RawFeedback> batch, TimeSpan timeout)
    {
        var results = new PipelineResult[batch.Count];
        var valid = new List<ApplyFeedback>(batch.Count);
        var validIndexes = new List<int>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            var raw = batch[i];
            var parsed = parser.Parse(raw.Value.Span);
            if (parsed.Event is { } e)
            {
                valid.Add(new ApplyFeedback(e, raw.Position) { ConsumedAt = raw.ConsumedAt });
                validIndexes.Add(i);
            }
            else
            {
                results[i] = new PipelineResult(raw, null, null, parsed.Rejection);
            }
        }
        if (valid.Count == 0) return results;

        var receipt = new FeedbackReceipt(valid.Count);
        sites.Tell(new ApplyFeedbackBatch(valid, receipt));
        var outcomes = await receipt.Completion.WaitAsync(timeout).ConfigureAwait(false);
        for (var j = 0; j < outcomes.Length; j++)
        {
            var i = validIndexes[j];
            results[i] = new PipelineResult(batch[i], valid[j].Event, outcomes[j].Outcome, null) { AlreadyApplied = outcomes[j].AlreadyApplied };
        }
        return results;
    }
}
