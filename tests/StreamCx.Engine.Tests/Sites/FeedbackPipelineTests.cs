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
        var raw = messages.Select((m, i) => new RawFeedback(Encoding.UTF8.GetBytes(m), new SourcePosition("feedback", 0, i)));

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
}
