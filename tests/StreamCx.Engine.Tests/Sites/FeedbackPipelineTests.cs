using Akka.Actor;
using System.Text;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Processing;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Alerts;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Sites;

namespace StreamCx.Engine.Tests.Sites;

public class FeedbackPipelineTests : TestKit
{
    [Fact]
    public async Task Bad_messages_are_rejected_with_their_reason_and_the_good_ones_around_them_are_applied_in_order()
    {
        var catalog = new ReferenceCatalog([new Site("s1", "Site 1", "north")], [new AttributeDefinition("waiting-time", "Waiting time", 1, 5, 2)]);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
        var sites = Sys.ActorOf(SitesActor.Create(catalog, new DetectionSettings(), new AlertHub(clock)));
        var parser = new FeedbackParser(catalog, new ParserLimits(), clock);
        string[] messages =
        [
            """{"eventId":"a","occurredAt":"2026-11-24T07:00:00Z","siteId":"s1","channel":"web","ratings":{"waiting-time":4}}""",
            "\u0001\u0002 garbage",
            """{"eventId":"b","occurredAt":"2026-11-24T07:01:00Z","siteId":"s1","channel":"web","ratings":{"waiting-time":9}}""",
            """{"eventId":"c","occurredAt":"2026-11-24T07:02:00Z","siteId":"s1","channel":"web","ratings":{"waiting-time":2}}""",
            """{"eventId":"a","occurredAt":"2026-11-24T07:00:00Z","siteId":"s1","channel":"web","ratings":{"waiting-time":4}}""",
        ];
        var raw = messages.Select((m, i) => new RawFeedback(Encoding.UTF8.GetBytes(m), new SourcePosition("feedback", 0, i)))
            .Append(new RawFeedback(Array.Empty<byte>(), new SourcePosition("feedback", 0, messages.Length)) { EndOfPartition = true }); // read to its end, as the Kafka source says

        var results = await Source.From(raw).Via(FeedbackPipeline.Create(parser, sites, 4, TimeSpan.FromSeconds(5)))
            .RunWith(Sink.Seq<PipelineResult>(), Sys.Materializer());

        Assert.Equal([0L, 1, 2, 3, 4], results.Select(r => r.Raw.Position.Offset));
        Assert.Equal(RejectionReason.NotJson, results[1].Rejection!.Reason);
        Assert.Equal(RejectionReason.OutOfScale, results[2].Rejection!.Reason);
        Assert.Equal(IntakeOutcome.OnTime, results[0].Outcome);
        Assert.Equal(IntakeOutcome.OnTime, results[3].Outcome);
        Assert.Equal(IntakeOutcome.Duplicate, results[4].Outcome);
        var scores = await sites.Ask<SiteScores>(new GetSiteScores("s1"), TimeSpan.FromSeconds(5));
        Assert.Equal(2, scores.Attributes["waiting-time"].Count);
        Assert.Equal(6, scores.Attributes["waiting-time"].Sum);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(64)]
    public async Task Under_backpressure_messages_go_to_the_sites_in_batches_of_at_most_the_batch_size_and_results_keep_input_order(int batchSize)
    {
        var catalog = new ReferenceCatalog([new Site("s1", "Site 1", "north")], [new AttributeDefinition("waiting-time", "Waiting time", 1, 5, 2)]);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
        var parser = new FeedbackParser(catalog, new ParserLimits(), clock);
        var sites = CreateTestProbe();
        var count = (batchSize * 2) + 5;
        var raw = Enumerable.Range(0, count).Select(i => new RawFeedback(Encoding.UTF8.GetBytes(
            $$$"""{"eventId":"e{{{i}}}","occurredAt":"{{{clock.GetUtcNow().AddMinutes(-60).AddSeconds(i):O}}}","siteId":"s1","channel":"web","ratings":{"waiting-time":4}}"""),
            new SourcePosition("feedback", 0, i)));

        var entered = 0; // messages the source has handed to the pipeline
        var run = Source.From(raw).Select(r => { Interlocked.Increment(ref entered); return r; })
            .Via(FeedbackPipeline.Create(parser, sites, parallelism: 1, TimeSpan.FromSeconds(10), batchSize))
            .RunWith(Sink.Seq<PipelineResult>(), Sys.Materializer());

        var sizes = new List<int>();
        var offsets = new List<long>();
        var outcomes = new List<IntakeOutcome>();
        while (offsets.Count < count)
        {
            var batch = sites.ExpectMsg<ApplyFeedbackBatch>(TimeSpan.FromSeconds(10));
            // the site is busy with this batch: it answers once the messages waiting upstream fill the next batch (or all have come)
            var waiting = Math.Min(count, offsets.Count + batch.Events.Count + batchSize);
            AwaitCondition(() => Volatile.Read(ref entered) >= waiting, TimeSpan.FromSeconds(30));
            sizes.Add(batch.Events.Count);
            offsets.AddRange(batch.Events.Select(e => e.Position!.Offset));
            for (var i = 0; i < batch.Events.Count; i++)
            {
                outcomes.Add(i % 2 == 0 ? IntakeOutcome.OnTime : IntakeOutcome.Late);
                batch.Receipt.Record(i, new AppliedOutcome(outcomes[^1], false));
            }
        }
        var results = await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([1, batchSize, batchSize, 4], sizes); // the first message goes alone, the others wait upstream and form batches
        Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), offsets);
        Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), results.Select(r => r.Raw.Position.Offset));
        Assert.All(results, r => Assert.Null(r.Rejection));
        Assert.Equal(outcomes, results.Select(r => r.Outcome!.Value)); // each result carries its own event's outcome
    }

    [Fact]
    public async Task Batches_mixing_sites_rejections_and_repeated_events_give_each_message_its_own_result_and_each_site_its_events_once()
    {
        string[] siteIds = ["s1", "s2", "s3"];
        var catalog = new ReferenceCatalog(siteIds.Select(id => new Site(id, id, "north")), [new AttributeDefinition("waiting-time", "Waiting time", 1, 5, 2)]);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
        var sites = Sys.ActorOf(SitesActor.Create(catalog, new DetectionSettings(), new AlertHub(clock)));
        var parser = new FeedbackParser(catalog, new ParserLimits(), clock);
        // message i: garbage every 7th, else event e{i/2} (each valid event id comes twice in a row: the second is a duplicate)
        string Message(int i) => i % 7 == 6
            ? "{not json"
            : $$$"""{"eventId":"e{{{i / 2}}}","occurredAt":"2026-11-24T07:{{{i / 2:00}}}:00Z","siteId":"{{{siteIds[i / 2 % 3]}}}","channel":"web","ratings":{"waiting-time":{{{1 + (i / 2 % 5)}}}}}""";
        var raw = Enumerable.Range(0, 100).Select(i => new RawFeedback(Encoding.UTF8.GetBytes(Message(i)), new SourcePosition("feedback", 0, i)));

        var results = await Source.From(raw).Via(FeedbackPipeline.Create(parser, sites, parallelism: 2, TimeSpan.FromSeconds(10), batchSize: 8))
            .RunWith(Sink.Seq<PipelineResult>(), Sys.Materializer());

        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), results.Select(r => r.Raw.Position.Offset));
        var applied = new HashSet<string>();
        foreach (var r in results)
        {
            var i = (int)r.Raw.Position.Offset;
            if (i % 7 == 6)
            {
                Assert.Equal(RejectionReason.NotJson, r.Rejection!.Reason);
                continue;
            }
            var first = applied.Add($"e{i / 2}");
            Assert.Equal(first ? IntakeOutcome.OnTime : IntakeOutcome.Duplicate, r.Outcome);
        }
        // the partition read to its end (as the Kafka source says it): until then it may still deliver more at its newest
        // time, and the frontier holds its newest event back
        sites.Tell(new ApplyFeedbackBatch([], new FeedbackReceipt(0)) { CaughtUp = [(0, Engine.Durability.SnapshotCodec.PartitionKey("feedback", 0))] });
        foreach (var siteId in siteIds)
        {
            var expected = applied.Select(id => int.Parse(id[1..])).Where(n => n % 3 == Array.IndexOf(siteIds, siteId)).ToArray();
            var totals = (await sites.Ask<SiteScores>(new GetSiteScores(siteId), TimeSpan.FromSeconds(5))).Attributes["waiting-time"];
            Assert.Equal(expected.Length, totals.Count);
            Assert.Equal(expected.Sum(n => 1 + (n % 5)), totals.Sum);
        }
    }
}
