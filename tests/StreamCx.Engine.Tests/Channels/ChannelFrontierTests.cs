using System.Text;
using System.Text.Json;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Channels;
using StreamCx.Domain.Complaints;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.EventTime;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Listening;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Sites;
using static StreamCx.Engine.Tests.Journeys.JourneyFixtures;

namespace StreamCx.Engine.Tests.Channels;

/// <summary>
/// The live path of the channel factor: feedback of a region on two partitions, read as a backlog one partition after the
/// other, waits for the frontier of event time in the listening actor and gives replay's channel alerts (the app channel of
/// s1 rated 1.5 points below its others from the third day on), and the channel view of the site.
/// </summary>
public class ChannelFrontierTests : TestKit
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] ChannelNames = ["store", "web", "app"];
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));

    private static readonly ReferenceCatalog Region = new(
        Enumerable.Range(0, 6).Select(i => new Site($"s{i}", $"Site {i}", "north")),
        [new AttributeDefinition("waiting-time", "Waiting time", 1, 5, 2)]);

    /// <summary>Ten answers an hour at each site for 4 days; sites s0-s2 on partition 0, s3-s5 on 1.</summary>
    private static (string[] Partition0, string[] Partition1) Feedback()
    {
        var rnd = new Random(3);
        var lines = new List<(int Site, DateTimeOffset At, string Json)>();
        for (var h = 0; h < 4 * 24; h++)
            for (var s = 0; s < 6; s++)
                for (var n = 0; n < 10; n++)
                {
                    var at = Start.AddHours(h).AddMinutes((n * 6) + s);
                    var channel = ChannelNames[rnd.Next(3)];
                    var worse = s == 1 && channel == "app" && h >= 48;
                    var rating = Math.Clamp((int)Math.Round((worse ? 2.5 : 4) + ((rnd.NextDouble() - 0.5) * 2)), 1, 5);
                    lines.Add((s, at, JsonSerializer.Serialize(new
                    {
                        eventId = $"f-{h}-{s}-{n}", occurredAt = at.ToString("O"), siteId = $"s{s}", channel,
                        touchpoint = n % 2 == 0 ? "checkout" : "delivery", ratings = new Dictionary<string, int> { ["waiting-time"] = rating },
                    })));
                }
        var ordered = lines.OrderBy(l => l.At).ToList();
        return ([.. ordered.Where(l => l.Site < 3).Select(l => l.Json)], [.. ordered.Where(l => l.Site >= 3).Select(l => l.Json)]);
    }

    private static IEnumerable<RawFeedback> Raw(int partition, string[] messages) =>
        messages.Select((m, i) => new RawFeedback(Encoding.UTF8.GetBytes(m), new SourcePosition("feedback", partition, i)))
            .Append(new RawFeedback(Array.Empty<byte>(), new SourcePosition("feedback", partition, messages.Length)) { EndOfPartition = true });

    [Fact]
    public async Task A_backlog_of_two_partitions_read_one_after_the_other_gives_the_channel_alerts_of_replay()
    {
        var recorder = new Recorder(_clock);
        var parser = new FeedbackParser(Region, new ParserLimits(), _clock);
        var listening = Sys.ActorOf(ListeningActor.Create(Region, new ComplaintSettings(), recorder));
        var eventTime = new EventTimeSettings();
        var sites = Sys.ActorOf(SitesActor.Create(Region, new DetectionSettings(), recorder, eventTime, listening: listening));
        sites.Tell(new PartitionsAssigned([("feedback", 0), ("feedback", 1)]));
        var (p0, p1) = Feedback();

        await Source.From(Raw(1, p1).Concat(Raw(0, p0)))
            .Via(FeedbackPipeline.Create(parser, sites, 2, TimeSpan.FromSeconds(5), listening: listening))
            .RunWith(Sink.Ignore<PipelineResult>(), Sys.Materializer());
        await AwaitAssertAsync(async () =>
        {
            _clock.Advance(eventTime.CaughtUpWait + TimeSpan.FromSeconds(1));
            var status = await listening.Ask<ListeningStatus>(GetListeningStatus.Instance, TimeSpan.FromSeconds(5));
            Assert.Equal((0, (long)(p0.Length + p1.Length)), (status.Channels!.Held, status.Channels.Applied));
        }, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(300));

        var live = recorder.Alerts.Where(a => a.Factors[0] is ChannelFactor).Select(WithoutEmittedAt).ToList();
        var open = Assert.Single(recorder.Alerts, a => a.Status == AlertStatus.Open && a.Factors[0] is ChannelFactor);
        Assert.Equal(("s1", "app"), (open.SiteId, ((ChannelFactor)open.Factors[0]).Value));
        Assert.Equal(Replayed(parser, p0.Concat(p1)), live);

        var view = await listening.Ask<ChannelView>(new GetChannels(null, "s1", 24), TimeSpan.FromSeconds(5));
        var waiting = Assert.Single(view.Indicators, i => i.IndicatorId == "waiting-time");
        Assert.True(Assert.Single(waiting.ByChannel, c => c.Value == "app").MarkedlyWorse);
        Assert.Equal(["checkout", "delivery"], waiting.ByTouchpoint.Select(t => t.Value));
        Assert.Equal(6, waiting.Cells.Count); // 3 channels × 2 touchpoints
        var region = await listening.Ask<ChannelView>(new GetChannels("north", null, 24), TimeSpan.FromSeconds(5));
        Assert.Equal(6 * 24 * 10, region.Indicators.Single().Responses);
    }

    private List<string> Replayed(FeedbackParser parser, IEnumerable<string> messages)
    {
        var processor = new ChannelProcessor(Region, new ChannelSettings(), _clock);
        var ordered = messages.Select(m => parser.Parse(Encoding.UTF8.GetBytes(m)).Event!)
            .OrderBy(e => e.OccurredAt.UtcTicks).ThenBy(e => e.EventId, StringComparer.Ordinal).ToList();
        var alerts = ordered.SelectMany(processor.Apply).ToList();
        alerts.AddRange(processor.CloseBefore(ordered[^1].OccurredAt));
        return alerts.Select(WithoutEmittedAt).ToList();
    }
}
