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
/// are in flight. Batching only forms under load, so it adds no latency when the engine is idle. A large batch is
/// parsed on the thread pool, so that parsing the next batch overlaps with the sites applying this one (a small one is
/// parsed in place: handing it over would cost more than it saves); batches reach the sites in input order either way.
/// </summary>
public static class FeedbackPipeline
{
    public const int DefaultBatchSize = 256;

    /// <summary>Batches of at least this many messages are parsed on the thread pool.</summary>
    internal const int ParseElsewhereFrom = 32;

    /// <summary>Batches parsed at once (on the thread pool), ahead of those being applied.</summary>
    private const int ParsesInFlight = 2;

    public static Flow<RawFeedback, PipelineResult, NotUsed> Create(
        FeedbackParser parser, IActorRef sites, int parallelism, TimeSpan askTimeout, int batchSize = DefaultBatchSize) =>
        Flow.Create<RawFeedback>()
            .Batch(batchSize, first => new List<RawFeedback>(Math.Min(batchSize, 16)) { first }, (batch, next) =>
            {
                batch.Add(next);
                return batch;
            })
            .SelectAsync(ParsesInFlight, batch => batch.Count >= ParseElsewhereFrom
                ? Task.Run(() => ParsedBatch.Parse(parser, batch))
                : Task.FromResult(ParsedBatch.Parse(parser, batch)))
            .SelectAsync(parallelism, batch => ApplyAsync(sites, batch, askTimeout))
            .SelectMany(results => results);

    private static async Task<PipelineResult[]> ApplyAsync(IActorRef sites, ParsedBatch batch, TimeSpan timeout)
    {
        if (batch.Valid.Count == 0) return batch.Results;

        var receipt = new FeedbackReceipt(batch.Valid.Count);
        sites.Tell(new ApplyFeedbackBatch(batch.Valid, receipt));
        return batch.Complete(await receipt.Completion.WaitAsync(timeout).ConfigureAwait(false));
    }
}
