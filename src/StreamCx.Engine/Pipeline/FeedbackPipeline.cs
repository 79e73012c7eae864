using Akka;
using Akka.Actor;
using Akka.Streams.Dsl;
using StreamCx.Domain.Ingestion;
using StreamCx.Engine.Sites;

namespace StreamCx.Engine.Pipeline;

/// <summary>
/// parse + validate → site actors, as an Akka.Streams flow: at most <c>parallelism</c> events in flight, results in
/// input order (so offsets can be committed in order), backpressure all the way to the source.
/// </summary>
public static class FeedbackPipeline
{
    public static Flow<RawFeedback, PipelineResult, NotUsed> Create(FeedbackParser parser, IActorRef sites, int parallelism, TimeSpan askTimeout) =>
        Flow.Create<RawFeedback>().SelectAsync(parallelism, async raw =>
        {
            var parsed = parser.Parse(raw.Value.Span);
            if (parsed.Event is not { } e) return new PipelineResult(raw, null, null, parsed.Rejection);
            var applied = await sites.Ask<FeedbackApplied>(new ApplyFeedback(e, raw.Position) { ConsumedAt = raw.ConsumedAt }, askTimeout).ConfigureAwait(false);
            return new PipelineResult(raw, e, applied.Outcome, null) { AlreadyApplied = applied.AlreadyApplied };
        });
}
