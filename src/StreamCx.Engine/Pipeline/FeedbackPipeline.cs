using Akka;
using Akka.Actor;
using Akka.Streams.Dsl;
using StreamCx.Domain.Ingestion;
using StreamCx.Engine.Journeys;
using StreamCx.Engine.Listening;
using StreamCx.Engine.Sites;

namespace StreamCx.Engine.Pipeline;

/// <summary>
/// parse + validate → site actors, as an Akka.Streams flow: results in input order (so offsets can be committed in
/// order), backpressure all the way to the source. While the sites keep up, each message goes on its own; when they
/// fall behind, the messages waiting upstream are gathered into batches of at most <c>batchSize</c>, sent to the
/// sites as one message and answered through one <see cref="FeedbackReceipt"/>: at most <c>parallelism</c> batches
/// are in flight. Batching only forms under load, so it adds no latency when the engine is idle. (Parsing stays on the
/// stream's thread: a separate stage parsing large batches on the thread pool measured no faster on 2 cores.)
/// End-of-partition markers (<see cref="RawFeedback.EndOfPartition"/>) go to the router in their place in the batch,
/// and come out among the results of <see cref="CreateBatched"/> (<see cref="Create"/> leaves them out). What the
/// journeys take goes to <c>journeys</c> (when given) as one message per batch, in stream order, before the batch goes
/// to the sites; journey messages go to the sites' router only as times of their inputs, for the frontier of event time.
/// Messages of the listening sources go to <c>listening</c> (when given) the same way, and incidents and social mentions to their sites too.
/// </summary>
public static class FeedbackPipeline
{
    public const int DefaultBatchSize = 256;

    public static Flow<RawFeedback, PipelineResult, NotUsed> Create(
        FeedbackParser parser, IActorRef sites, int parallelism, TimeSpan askTimeout, int batchSize = DefaultBatchSize, IActorRef? journeys = null,
        IActorRef? listening = null) =>
        CreateBatched(parser, sites, parallelism, askTimeout, batchSize, journeys, listening).SelectMany(results => results.Where(r => !r.Raw.EndOfPartition && r.Raw.Reports is null));

    /// <summary>The same flow, each batch's results together (in input order), for a consumer that handles them a batch at a time.</summary>
    public static Flow<RawFeedback, PipelineResult[], NotUsed> CreateBatched(
        FeedbackParser parser, IActorRef sites, int parallelism, TimeSpan askTimeout, int batchSize = DefaultBatchSize, IActorRef? journeys = null,
        IActorRef? listening = null) =>
        Flow.Create<RawFeedback>()
            .Batch(batchSize, first => new List<RawFeedback>(Math.Min(batchSize, 16)) { first }, (batch, next) =>
            {
                batch.Add(next);
                return batch;
            })
            .SelectAsync(parallelism, batch => ApplyAsync(sites, journeys, listening, ParsedBatch.Parse(parser, batch), askTimeout));

    private static async Task<PipelineResult[]> ApplyAsync(IActorRef sites, IActorRef? journeys, IActorRef? listening, ParsedBatch batch, TimeSpan timeout)
    {
        if (journeys is not null && batch.Journey.Count > 0) journeys.Tell(new ApplyJourneyInputs(batch.Journey));
        if (listening is not null && batch.Listening.Count + batch.Valid.Count > 0) listening.Tell(new ApplyListening(batch.Listening) { Feedback = [.. batch.Valid] });
        if (batch.Valid.Count == 0 && batch.CaughtUp.Count == 0 && batch.Observed.Count == 0 && batch.Reports.Count == 0 && batch.SiteListening.Count == 0) return batch.Results;

        var receipt = new FeedbackReceipt(batch.Valid.Count);
        sites.Tell(new ApplyFeedbackBatch(batch.Valid, receipt) { CaughtUp = batch.CaughtUp, Observed = batch.Observed, Reports = batch.Reports, SiteListening = batch.SiteListening });
        return batch.Complete(await receipt.Completion.WaitAsync(timeout).ConfigureAwait(false));
    }
}
