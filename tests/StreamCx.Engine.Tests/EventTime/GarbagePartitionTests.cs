using System.Text;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Alerts;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Sites;

namespace StreamCx.Engine.Tests.EventTime;

/// <summary>A partition that carries only garbage holds event time back until it is read to its end, and no longer.</summary>
public sealed class GarbagePartitionTests : TestKit
{
    private static readonly ReferenceCatalog Catalog = new([new Site("s1", "Site 1", "north")], [new AttributeDefinition("waiting-time", "Waiting time", 1, 5, 2)]);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));

    private static RawFeedback Valid(int offset) => new(Encoding.UTF8.GetBytes(
        $$$"""{"eventId":"e{{{offset}}}","occurredAt":"2026-11-24T07:{{{offset:00}}}:00Z","siteId":"s1","channel":"web","ratings":{"waiting-time":4}}"""),
        new SourcePosition("feedback", 0, offset));

    private static RawFeedback Garbage(int offset) => new(Encoding.UTF8.GetBytes($"\u0001 not json {offset}"), new SourcePosition("feedback", 1, offset));

    private static RawFeedback EndOf(int partition, int offset) => new(Array.Empty<byte>(), new SourcePosition("feedback", partition, offset)) { EndOfPartition = true };

    private async Task<(IActorRef Sites, IReadOnlyList<PipelineResult> Results)> RunAsync(IEnumerable<RawFeedback> messages)
    {
        var sites = Sys.ActorOf(SitesActor.Create(Catalog, new DetectionSettings(), new AlertHub(_clock)));
        sites.Tell(new PartitionsAssigned([("feedback", 0), ("feedback", 1)]));
        var results = await Source.From(messages).Via(FeedbackPipeline.Create(new FeedbackParser(Catalog, new ParserLimits(), _clock), sites, 4, TimeSpan.FromSeconds(5)))
            .RunWith(Sink.Seq<PipelineResult>(), Sys.Materializer());
        return (sites, results);
    }

    private static async Task<long> AppliedAsync(IActorRef sites)
    {
        var scores = await sites.Ask<SiteScores>(new GetSiteScores("s1"), TimeSpan.FromSeconds(5));
        return scores.Attributes.TryGetValue("waiting-time", out var totals) ? totals.Count : 0;
    }

    [Fact]
    public async Task Read_to_its_end_a_partition_of_garbage_lets_the_events_of_the_others_through_after_the_caught_up_wait_and_every_message_keeps_its_result()
    {
        var messages = Enumerable.Range(0, 5).Select(Valid).Concat(Enumerable.Range(0, 5).Select(Garbage)).Append(EndOf(0, 5)).Append(EndOf(1, 5));

        var (sites, results) = await RunAsync(messages);
        Assert.Equal(0, await AppliedAsync(sites)); // read to its end a moment ago: what was produced with the rest may still come
        _clock.Advance(new StreamCx.Domain.EventTime.EventTimeSettings().CaughtUpWait);

        await AwaitAssertAsync(async () => Assert.Equal(5, await AppliedAsync(sites)), TimeSpan.FromSeconds(10));
        Assert.Equal(5, results.Count(r => r.Rejection?.Reason == RejectionReason.NotJson));
        Assert.Equal(5, results.Count(r => r.Outcome == Domain.Processing.IntakeOutcome.OnTime));
        Assert.DoesNotContain(results, r => r.Raw.EndOfPartition);
    }

    [Fact]
    public async Task Until_it_is_read_to_its_end_it_holds_them_back()
    {
        var messages = Enumerable.Range(0, 5).Select(Valid).Concat(Enumerable.Range(0, 5).Select(Garbage)).Append(EndOf(0, 5)); // partition 1: no end yet

        var (sites, _) = await RunAsync(messages);
        _clock.Advance(TimeSpan.FromSeconds(5)); // past the caught-up wait of partition 0, within the idle timeout of partition 1
        sites.Tell(SitesActor.IdleCheck.Instance); // what the engine's timer sends: checked before the query below is answered

        Assert.Equal(0, await AppliedAsync(sites)); // held: partition 1 has not delivered an event yet, nor said it is at its end

        _clock.Advance(new StreamCx.Domain.EventTime.EventTimeSettings().IdleTimeout); // partition 1 has now been silent for its idle timeout
        sites.Tell(SitesActor.IdleCheck.Instance);
        Assert.Equal(5, await AppliedAsync(sites)); // the same check lets them through once partition 1 no longer holds them
    }
}
