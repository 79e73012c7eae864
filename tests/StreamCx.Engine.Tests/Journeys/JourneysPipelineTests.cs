using System.Text;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Journeys;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Journeys;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Sites;
using static StreamCx.Engine.Tests.Journeys.JourneyFixtures;

namespace StreamCx.Engine.Tests.Journeys;

/// <summary>The live path of journeys: the ingestion stream feeds the journeys actor, which gives what replay's processor gives.</summary>
public class JourneysPipelineTests : TestKit
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>A watermelon journey in bursts (a step and its survey minutes apart), a churn, then a later step that moves event time past the lateness.</summary>
    private static string[] Messages() =>
    [
        """{"type":"journey-step","eventId":"st0","occurredAt":"2026-01-05T09:00:00Z","journeyId":"jrn-1","department":"support","step":"call","customerId":"cus-1"}""",
        """{"eventId":"c0","occurredAt":"2026-01-05T09:20:00Z","siteId":"s1","channel":"phone","journeyId":"jrn-1","customerId":"cus-1","department":"support","csat":5}""",
        """{"type":"journey-step","eventId":"st1","occurredAt":"2026-01-15T09:00:00Z","journeyId":"jrn-1","department":"field-service","step":"visit"}""",
        """{"eventId":"c1","occurredAt":"2026-01-15T09:20:00Z","siteId":"s2","channel":"phone","journeyId":"jrn-1","department":"field-service","csat":5}""",
        """{"type":"journey-step","eventId":"st2","occurredAt":"2026-01-25T09:00:00Z","journeyId":"jrn-1","department":"central-support","step":"check"}""",
        """{"eventId":"c2","occurredAt":"2026-01-25T09:20:00Z","siteId":"s1","channel":"phone","journeyId":"jrn-1","department":"central-support","csat":5}""",
        """{"eventId":"j1","occurredAt":"2026-02-05T09:00:00Z","siteId":"s1","channel":"email","journeyId":"jrn-1","scope":"journey","nps":2}""",
        """{"type":"churn","eventId":"churn-1","occurredAt":"2026-02-05T09:30:00Z","customerId":"cus-1"}""",
        """{"type":"journey-step","eventId":"tick","occurredAt":"2026-02-05T12:00:00Z","journeyId":"jrn-2","department":"support","step":"call"}""",
    ];

    /// <summary>Each burst delivered backwards (its survey before its step), every message within the hour of lateness.</summary>
    private static string[] Delivered()
    {
        var m = Messages();
        return [m[1], m[0], m[3], m[2], m[5], m[4], m[7], m[6], m[8]];
    }

    [Fact]
    public async Task Journey_messages_through_the_stream_give_the_alerts_replay_gives_and_are_not_rejected()
    {
        var recorder = new Recorder(_clock);
        var parser = new FeedbackParser(Catalog, new ParserLimits(), _clock);
        var sites = Sys.ActorOf(SitesActor.Create(Catalog, new DetectionSettings(), recorder));
        var journeys = Sys.ActorOf(JourneysActor.Create(Catalog, new JourneySettings(), recorder));
        var raw = Delivered().Select((m, i) => new RawFeedback(Encoding.UTF8.GetBytes(m), new SourcePosition("feedback", 0, i)))
            .Append(new RawFeedback(Array.Empty<byte>(), new SourcePosition("feedback", 0, 9)) { EndOfPartition = true });

        var results = await Source.From(raw).Via(FeedbackPipeline.Create(parser, sites, 2, TimeSpan.FromSeconds(5), journeys: journeys))
            .RunWith(Sink.Seq<PipelineResult>(), Sys.Materializer());
        var status = await journeys.Ask<JourneyStatus>(GetJourneyStatus.Instance, TimeSpan.FromSeconds(5)); // after every batch it was told

        Assert.All(results, r => Assert.Null(r.Rejection));
        Assert.Equal((8, 1), (status.Applied, status.Held)); // the last one waits for the hour of lateness
        var live = recorder.Alerts.Where(OfJourneys).Select(WithoutEmittedAt).ToList();
        Assert.NotEmpty(live);
        Assert.Equal(Replayed(parser, _clock, Messages(), flush: false), live); // the last message is still held in both
        var view = (await journeys.Ask<JourneyFound>(new GetJourney("jrn-1"), TimeSpan.FromSeconds(5))).Journey!;
        Assert.Equal((6, "churn-1", true), (view.Contacts, view.ChurnEventId, view.Watermelon));
    }

    [Fact]
    public async Task Asking_for_a_journey_or_an_account_it_does_not_hold_answers_none()
    {
        var journeys = Sys.ActorOf(JourneysActor.Create(Catalog, new JourneySettings(), new Recorder(_clock)));

        Assert.Null((await journeys.Ask<JourneyFound>(new GetJourney("nope"), TimeSpan.FromSeconds(5))).Journey);
        Assert.Null((await journeys.Ask<AccountFound>(new GetAccount("nope"), TimeSpan.FromSeconds(5))).Account);
    }
}
