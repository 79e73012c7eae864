using System.Text;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.EventTime;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Journeys;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Journeys;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Sites;
using static StreamCx.Engine.Tests.Journeys.JourneyFixtures;

namespace StreamCx.Engine.Tests.Journeys;

/// <summary>
/// In the engine the journeys wait for the frontier of event time, as the regions do: a backlog of two partitions read
/// one after the other, days apart, gives the journey alerts replay gives.
/// </summary>
public class JourneysFrontierTests : TestKit
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>Partition 0: a watermelon journey over a month, then its customer's churn.</summary>
    private static readonly string[] Partition0 =
    [
        """{"eventId":"c0","occurredAt":"2026-01-05T09:00:00Z","siteId":"s1","channel":"phone","journeyId":"jrn-1","customerId":"cus-1","department":"support","csat":5}""",
        """{"eventId":"c1","occurredAt":"2026-01-15T09:00:00Z","siteId":"s1","channel":"phone","journeyId":"jrn-1","department":"field-service","csat":5}""",
        """{"type":"journey-step","eventId":"st2","occurredAt":"2026-01-25T09:00:00Z","journeyId":"jrn-1","department":"central-support","step":"check"}""",
        """{"eventId":"j1","occurredAt":"2026-02-05T09:00:00Z","siteId":"s1","channel":"email","journeyId":"jrn-1","scope":"journey","nps":2}""",
        """{"type":"churn","eventId":"churn-1","occurredAt":"2026-02-06T09:30:00Z","customerId":"cus-1"}""",
    ];

    /// <summary>Partition 1: a B2B account whose roles diverge, and a second journey of the same customer, interleaved in time with partition 0.</summary>
    private static readonly string[] Partition1 =
    [
        """{"eventId":"u1","occurredAt":"2026-01-06T09:00:00Z","siteId":"s1","channel":"email","accountId":"acc-1","contactRole":"user","nps":9}""",
        """{"type":"journey-step","eventId":"k1","occurredAt":"2026-01-20T09:00:00Z","journeyId":"jrn-2","customerId":"cus-1","department":"support","step":"call"}""",
        """{"eventId":"u2","occurredAt":"2026-01-21T09:00:00Z","siteId":"s1","channel":"email","accountId":"acc-1","contactRole":"user","nps":9}""",
        """{"eventId":"p1","occurredAt":"2026-01-26T09:00:00Z","siteId":"s1","channel":"email","accountId":"acc-1","contactRole":"purchasing","nps":3}""",
        """{"eventId":"p2","occurredAt":"2026-02-07T09:00:00Z","siteId":"s1","channel":"email","accountId":"acc-1","contactRole":"purchasing","nps":3}""",
    ];

    private static IEnumerable<RawFeedback> Raw(int partition, string[] messages) =>
        messages.Select((m, i) => new RawFeedback(Encoding.UTF8.GetBytes(m), new SourcePosition("feedback", partition, i)))
            .Append(new RawFeedback(Array.Empty<byte>(), new SourcePosition("feedback", partition, messages.Length)) { EndOfPartition = true });

    [Fact]
    public async Task A_backlog_of_two_partitions_read_one_after_the_other_gives_the_journey_alerts_of_replay()
    {
        var recorder = new Recorder(_clock);
        var parser = new FeedbackParser(Catalog, new ParserLimits(), _clock);
        var journeys = Sys.ActorOf(JourneysActor.Create(Catalog, new JourneySettings(), recorder, followsFrontier: true));
        // journey messages are days apart on these quiet partitions: not outliers here (a busy partition has feedback between)
        var eventTime = new EventTimeSettings { OutlierThreshold = TimeSpan.FromDays(60) };
        var sites = Sys.ActorOf(SitesActor.Create(Catalog, new DetectionSettings(), recorder, eventTime, journeys: journeys));
        sites.Tell(new PartitionsAssigned([("feedback", 0), ("feedback", 1)]));

        // partition 1 entirely (ahead by weeks at its end), then partition 0
        await Source.From(Raw(1, Partition1).Concat(Raw(0, Partition0)))
            .Via(FeedbackPipeline.Create(parser, sites, 2, TimeSpan.FromSeconds(5), journeys: journeys))
            .RunWith(Sink.Ignore<PipelineResult>(), Sys.Materializer());
        _clock.Advance(eventTime.CaughtUpWait + TimeSpan.FromSeconds(1)); // both read to their end: the frontier goes to the last event

        await AwaitAssertAsync(async () => Assert.Equal(0, (await journeys.Ask<JourneyStatus>(GetJourneyStatus.Instance, TimeSpan.FromSeconds(5))).Held),
            TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100));
        var status = await journeys.Ask<JourneyStatus>(GetJourneyStatus.Instance, TimeSpan.FromSeconds(5));

        Assert.Equal(0, status.Late);
        var live = recorder.Alerts.Where(OfJourneys).Select(WithoutEmittedAt).ToList();
        Assert.Contains(recorder.Alerts, a => a.Factors.Any(f => f is WatermelonFactor w && w.Churn));
        Assert.Contains(recorder.Alerts, a => a.Factors.Any(f => f is DivergenceFactor));
        Assert.Equal(Replayed(parser, _clock, Partition0.Concat(Partition1), flush: true), live);
    }

    /// <summary>
    /// A partition whose frontier the sites told before its first journey messages came (its processor did not exist yet,
    /// so it had nothing to advance): what the frontier passed is applied when they come, not at the frontier's next
    /// move, which does not come while the inputs are quiet (the live page's watermelon stayed held in a quiet engine).
    /// </summary>
    [Fact]
    public async Task A_partition_told_its_frontier_before_its_first_messages_applies_what_it_passed_when_they_come()
    {
        var recorder = new Recorder(_clock);
        var journeys = Sys.ActorOf(JourneysActor.Create(Catalog, new JourneySettings(), recorder, followsFrontier: true));
        var at = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        journeys.Tell(new Regions.FrontierAdvanced(at.AddHours(1)) { ByChannel = new Dictionary<string, DateTimeOffset> { ["streamcx.regions/2"] = at.AddHours(1) } });

        journeys.Tell(new ApplyJourneyInputs(
        [
            new(JourneyInput.From(new FeedbackEvent("c1", at, "s1", "phone", RatingDictionary.Empty) { JourneyId = "jrn-q", Department = "support", Csat = 5 }, JourneyParts.All), new SourcePosition("streamcx.regions", 2, 0)),
            new(JourneyInput.From(new JourneyClosed("x1", at.AddMinutes(10), "jrn-q", JourneyOutcome.Unresolved), JourneyParts.All), new SourcePosition("streamcx.regions", 2, 1)),
            new(JourneyInput.From(new JourneyStep("s2", at.AddHours(2), "jrn-q", "support", "call"), JourneyParts.All), new SourcePosition("streamcx.regions", 2, 2)), // past the frontier: held
        ]));

        var status = await journeys.Ask<JourneyStatus>(GetJourneyStatus.Instance, TimeSpan.FromSeconds(5));
        Assert.Equal((2L, 1, 0L), (status.Applied, status.Held, status.Late));
        Assert.Single(recorder.Alerts, a => OfJourneys(a) && a.Status == AlertStatus.Open); // red behind a CSAT of 5: the watermelon
    }
}
