using System.Text;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Journeys;
using StreamCx.Engine.Journeys;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Sites;
using static StreamCx.Engine.Tests.Journeys.JourneyFixtures;

namespace StreamCx.Engine.Tests.Journeys;

/// <summary>
/// The journeys' copies of messages as the region topic carries them (placed by journey and account id over its
/// partitions, each with its parts): one processor per partition, together giving what replay's one processor gives.
/// </summary>
public class JourneyCopiesTests : TestKit
{
    private const int Partitions = 4;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>Two watermelon journeys of one customer at two sites, an account whose roles diverge (its surveys also of a journey), a churn of both.</summary>
    private static string[] Messages() =>
    [
        """{"type":"journey-step","eventId":"st0","occurredAt":"2026-01-05T09:00:00Z","journeyId":"jrn-1","department":"support","step":"call","customerId":"cus-1"}""",
        """{"eventId":"c0","occurredAt":"2026-01-05T09:20:00Z","siteId":"s1","channel":"phone","journeyId":"jrn-1","customerId":"cus-1","department":"support","csat":5}""",
        """{"type":"journey-step","eventId":"st1","occurredAt":"2026-01-06T09:00:00Z","journeyId":"jrn-2","department":"support","step":"call","customerId":"cus-1"}""",
        """{"eventId":"u1","occurredAt":"2026-01-07T09:00:00Z","siteId":"s2","channel":"email","journeyId":"jrn-2","customerId":"cus-1","accountId":"acc-1","contactRole":"user","nps":9}""",
        """{"eventId":"p1","occurredAt":"2026-01-08T09:00:00Z","siteId":"s2","channel":"email","accountId":"acc-1","contactRole":"purchasing","nps":2}""",
        """{"eventId":"c1","occurredAt":"2026-01-15T09:20:00Z","siteId":"s2","channel":"phone","journeyId":"jrn-1","department":"field-service","csat":5}""",
        """{"eventId":"u2","occurredAt":"2026-01-16T09:00:00Z","siteId":"s2","channel":"email","journeyId":"jrn-2","customerId":"cus-1","accountId":"acc-1","contactRole":"user","nps":9}""",
        """{"eventId":"p2","occurredAt":"2026-01-17T09:00:00Z","siteId":"s1","channel":"email","accountId":"acc-1","contactRole":"purchasing","nps":3}""",
        """{"eventId":"c2","occurredAt":"2026-01-25T09:20:00Z","siteId":"s1","channel":"phone","journeyId":"jrn-1","department":"central-support","csat":5}""",
        """{"eventId":"j1","occurredAt":"2026-02-05T09:00:00Z","siteId":"s1","channel":"email","journeyId":"jrn-1","scope":"journey","nps":2}""",
        """{"type":"churn","eventId":"churn-1","occurredAt":"2026-02-05T09:30:00Z","customerId":"cus-1","accountId":"acc-1"}""",
        """{"type":"churn","eventId":"late-churn","occurredAt":"2026-02-05T12:00:00Z","customerId":"cus-9"}""",
    ];

    /// <summary>What the intake writes for the journeys: each message's copies, merged per partition, keyed by journey and account.</summary>
    private static List<RawFeedback> Copies(FeedbackParser parser, string[] messages)
    {
        var raw = new List<RawFeedback>();
        var offsets = new long[Partitions];
        for (var i = 0; i < messages.Length; i++)
        {
            var outcome = parser.Parse(Encoding.UTF8.GetBytes(messages[i]));
            var copies = outcome.Signal is { } s ? JourneyRouting.Copies(s) : JourneyRouting.Copies(outcome.Event!);
            foreach (var (partition, parts) in JourneyRouting.Place(copies, Partitions, PartitionOf))
            {
                raw.Add(new RawFeedback(Encoding.UTF8.GetBytes(messages[i]), new SourcePosition("regions", partition, offsets[partition]++))
                {
                    Source = new SourcePosition("feedback", 0, i), Input = "feedback/0", JourneyParts = parts,
                });
            }
        }
        return raw;
    }

    /// <summary>The journeys and the account of <see cref="Messages"/> on three partitions; what only counts on the fourth.</summary>
    private static int PartitionOf(string key) => key switch
    {
        "journey:jrn-1" => 0,
        "journey:jrn-2" => 1,
        "account:acc-1" => 2,
        _ => 3,
    };

    [Fact]
    public async Task Copies_over_several_partitions_give_the_alerts_replay_gives_each_message_counted_once()
    {
        var recorder = new Recorder(_clock);
        var parser = new FeedbackParser(Catalog, new ParserLimits(), _clock);
        var sites = Sys.ActorOf(SitesActor.Create(Catalog, new DetectionSettings(), recorder));
        var journeys = Sys.ActorOf(JourneysActor.Create(Catalog, new JourneySettings(), recorder));
        var raw = Copies(parser, Messages());
        Assert.True(raw.Select(r => r.Position.Partition).Distinct().Count() > 1, "the copies are on several partitions");
        Assert.Contains(raw, r => r.JourneyParts == JourneyParts.Accounts); // feedback of a journey and an account: its account's copy apart

        var results = await Source.From(raw).Via(FeedbackPipeline.Create(parser, sites, 2, TimeSpan.FromSeconds(5), journeys: journeys))
            .RunWith(Sink.Seq<PipelineResult>(), Sys.Materializer());
        var status = await journeys.Ask<JourneyStatus>(GetJourneyStatus.Instance, TimeSpan.FromSeconds(5));

        Assert.All(results, r => Assert.True(r.JourneyCopy && r.Event is null && r.Rejection is null, "a journeys' copy, for the journeys only"));
        Assert.Equal(Messages().Length, results.Count(r => r.CountsMessage) + Messages().Count(m => !m.Contains("\"type\"", StringComparison.Ordinal))); // feedback counts by its site's copy
        Assert.Equal((Messages().Length - 1, Partitions), (status.Applied, status.Held)); // the late churn waits in every partition, counted nowhere yet
        var live = recorder.Alerts.Where(OfJourneys).Select(WithoutEmittedAt).Order(StringComparer.Ordinal).ToList();
        Assert.Contains(live, a => a.Contains("\"churnEventId\":\"churn-1\"", StringComparison.Ordinal));
        Assert.Contains(live, a => a.Contains("acc-1", StringComparison.Ordinal));
        Assert.Equal(Replayed(parser, _clock, Messages(), flush: false).Order(StringComparer.Ordinal), live); // the late churn is held by every partition, and by replay
    }
}
