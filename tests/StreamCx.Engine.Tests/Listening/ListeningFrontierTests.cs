using System.Text;
using System.Text.Json;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Complaints;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.EventTime;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Listening;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Listening;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Sites;
using static StreamCx.Engine.Tests.Journeys.JourneyFixtures;

namespace StreamCx.Engine.Tests.Listening;

/// <summary>
/// The live path of the listening sources: complaints of a region on two partitions, read as a backlog one partition after
/// the other, wait for the frontier of event time in the listening actor and give replay's complaint alerts.
/// </summary>
public class ListeningFrontierTests : TestKit
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));

    private static readonly ReferenceCatalog Region = new(
        Enumerable.Range(0, 6).Select(i => new Site($"s{i}", $"Site {i}", "north")),
        [new AttributeDefinition("waiting-time", "Waiting time", 1, 5, 2)])
    {
        Listening = new ListeningCatalog([new ComplaintReason("long-wait", "Long wait", "waiting-time")], [], [], []),
    };

    /// <summary>Three complaints an hour at each site for 20 days, then 24 more in 4 hours at s1; sites s0-s2 on partition 0, s3-s5 on 1.</summary>
    private static (string[] Partition0, string[] Partition1) Complaints()
    {
        var lines = new List<(int Site, DateTimeOffset At, string Json)>();
        for (var h = 0; h < 20 * 24; h++)
            for (var s = 0; s < 6; s++)
                for (var n = 0; n < 3; n++)
                    lines.Add((s, Start.AddHours(h).AddMinutes((n * 20) + s), Line($"c-{h}-{s}-{n}", s, Start.AddHours(h).AddMinutes((n * 20) + s))));
        var surge = Start.AddDays(19).AddHours(10);
        for (var m = 0; m < 24; m++) lines.Add((1, surge.AddMinutes((m * 10) + 1), Line($"burst-{m}", 1, surge.AddMinutes((m * 10) + 1))));
        var ordered = lines.OrderBy(l => l.At).ToList();
        return ([.. ordered.Where(l => l.Site < 3).Select(l => l.Json)], [.. ordered.Where(l => l.Site >= 3).Select(l => l.Json)]);
    }

    private static string Line(string id, int site, DateTimeOffset at) =>
        JsonSerializer.Serialize(new { type = "complaint", eventId = id, occurredAt = at.ToString("O"), siteId = $"s{site}", channel = "phone", reason = "long-wait" });

    private static IEnumerable<RawFeedback> Raw(int partition, string[] messages) =>
        messages.Select((m, i) => new RawFeedback(Encoding.UTF8.GetBytes(m), new SourcePosition("feedback", partition, i)))
            .Append(new RawFeedback(Array.Empty<byte>(), new SourcePosition("feedback", partition, messages.Length)) { EndOfPartition = true });

    [Fact]
    public async Task A_backlog_of_two_partitions_read_one_after_the_other_gives_the_complaint_alerts_of_replay()
    {
        var recorder = new Recorder(_clock);
        var parser = new FeedbackParser(Region, new ParserLimits(), _clock);
        var listening = Sys.ActorOf(ListeningActor.Create(Region, new ComplaintSettings(), recorder));
        var eventTime = new EventTimeSettings();
        var sites = Sys.ActorOf(SitesActor.Create(Region, new DetectionSettings(), recorder, eventTime, listening: listening));
        sites.Tell(new PartitionsAssigned([("feedback", 0), ("feedback", 1)]));
        var (p0, p1) = Complaints();

        var results = await Source.From(Raw(1, p1).Concat(Raw(0, p0)))
            .Via(FeedbackPipeline.Create(parser, sites, 2, TimeSpan.FromSeconds(5), listening: listening))
            .RunWith(Sink.Seq<PipelineResult>(), Sys.Materializer());
        // both read to their end: the frontier goes to the last event once the wait for a caught-up partition has passed
        // (the clock moves on at each try: the router may take the last markers after the stream completed)
        await AwaitAssertAsync(async () =>
        {
            _clock.Advance(eventTime.CaughtUpWait + TimeSpan.FromSeconds(1));
            Assert.Equal(0, (await listening.Ask<ListeningStatus>(GetListeningStatus.Instance, TimeSpan.FromSeconds(5))).Held);
        }, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(300));
        var status = await listening.Ask<ListeningStatus>(GetListeningStatus.Instance, TimeSpan.FromSeconds(5));

        Assert.All(results, r => Assert.Null(r.Rejection));
        Assert.Equal(p0.Length + p1.Length, results.Count(r => r.Listening is Complaint));
        Assert.Equal((0L, (long)(p0.Length + p1.Length)), (status.Late, status.ComplaintsApplied));
        var live = recorder.Alerts.Select(WithoutEmittedAt).ToList();
        Assert.Contains(recorder.Alerts, a => a.Status == AlertStatus.Open && a.SiteId == "s1" && a.Factors[0] is ComplaintsFactor);
        Assert.Equal(Replayed(parser, p0.Concat(p1)), live);

        var board = await listening.Ask<ComplaintBoard>(new GetComplaintBoard("north", "s1", null, 1), TimeSpan.FromSeconds(5));
        Assert.Equal(72 + 24, board.Total); // the last day at s1: 3 an hour, and the burst
    }

    private List<string> Replayed(FeedbackParser parser, IEnumerable<string> messages)
    {
        var processor = new ListeningProcessor(Region, new ComplaintSettings(), _clock);
        var ordered = messages.Select(m => parser.Parse(Encoding.UTF8.GetBytes(m)).Listening!)
            .OrderBy(e => e.OccurredAt.UtcTicks).ThenBy(e => e.EventId, StringComparer.Ordinal);
        return ordered.SelectMany(processor.Apply).Select(WithoutEmittedAt).ToList();
    }
}
