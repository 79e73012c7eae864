using System.Globalization;
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
using StreamCx.Domain.Journeys.Indicators;
using StreamCx.Engine.Grouping;
using StreamCx.Engine.Journeys;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Sites;
using StreamCx.Engine.Telemetry;
using static StreamCx.Engine.Tests.Journeys.JourneyFixtures;

namespace StreamCx.Engine.Tests.Journeys;

/// <summary>
/// The journey indicators watched in the engine: journeys spread over three partitions read one after the other, days
/// apart, their readings sent to the network grouping's watch and released as every channel passes them, give the
/// indicator alerts of replay (one processor, its readings applied in event order).
/// </summary>
public class JourneyIndicatorsLiveTests : TestKit
{
    private static readonly DateTimeOffset Start = new(2026, 2, 2, 0, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>
    /// 12 days of short journeys at s1 and s2 (4 an hour each from 08:00 to 20:00): a survey, then the closing an hour later,
    /// unresolved one time in ten — six in ten at s1 from the tenth day. Journey k goes to partition k mod 3; each partition
    /// ends with a plain survey on the fourteenth day, so event time passes every journey.
    /// </summary>
    private static List<(int Partition, DateTimeOffset At, string Json)> Messages(int seed)
    {
        var rnd = new Random(seed);
        var messages = new List<(int, DateTimeOffset, string)>();
        var k = 0;
        foreach (var site in new[] { "s1", "s2" })
        {
            for (var day = 0; day < 12; day++)
            for (var hour = 8; hour < 20; hour++)
            for (var n = 0; n < 4; n++, k++)
            {
                var at = Start.AddDays(day).AddHours(hour).AddMinutes(rnd.Next(60));
                var red = rnd.NextDouble() < (site == "s1" && day >= 9 ? 0.6 : 0.1);
                messages.Add((k % 3, at, $$"""{"eventId":"c{{k}}","occurredAt":"{{T(at)}}","siteId":"{{site}}","channel":"phone","journeyId":"jrn-{{k}}","customerId":"cus-{{k}}","department":"support","csat":{{4 + rnd.Next(2)}}}"""));
                messages.Add((k % 3, at.AddHours(1), $$"""{"type":"journey-closed","eventId":"x{{k}}","occurredAt":"{{T(at.AddHours(1))}}","journeyId":"jrn-{{k}}","outcome":"{{(red ? "unresolved" : "resolved")}}"}"""));
            }
        }
        for (var p = 0; p < 3; p++)
            messages.Add((p, Start.AddDays(14), $$$"""{"eventId":"end-{{{p}}}","occurredAt":"{{{T(Start.AddDays(14))}}}","siteId":"s2","channel":"web","ratings":{"waiting-time":4}}"""));
        return [.. messages.OrderBy(m => m.Item2)];
    }

    private static string T(DateTimeOffset at) => at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static IEnumerable<RawFeedback> Raw(int partition, IEnumerable<string> messages) =>
        messages.Select((m, i) => new RawFeedback(Encoding.UTF8.GetBytes(m), new SourcePosition("feedback", partition, i)))
            .Append(new RawFeedback(Array.Empty<byte>(), new SourcePosition("feedback", partition, messages.Count())) { EndOfPartition = true });

    /// <summary>Replay's indicator alerts: every message through one journey processor in event order, its readings through one watch.</summary>
    private (List<string> Alerts, long Readings) Replayed(FeedbackParser parser, IEnumerable<string> messages)
    {
        var processor = new JourneyProcessor(Catalog, new JourneySettings(), _clock, givesReadings: true);
        var outcomes = messages.Select(m => parser.Parse(Encoding.UTF8.GetBytes(m)))
            .OrderBy(o => o.Event?.OccurredAt ?? o.Signal!.OccurredAt).ThenBy(o => o.Event?.EventId ?? o.Signal!.EventId, StringComparer.Ordinal);
        foreach (var o in outcomes) _ = o.Signal is { } s ? processor.Process(s) : processor.Process(o.Event!);
        processor.Flush();
        var watch = new JourneyIndicatorWatch(Catalog, new DetectionSettings(), _clock);
        var readings = processor.TakeReadings();
        foreach (var reading in readings) watch.Take(reading);
        return ([.. watch.Flush().Select(WithoutEmittedAt)], readings.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Journeys_over_three_partitions_read_one_after_the_other_give_the_indicator_alerts_of_replay(int seed)
    {
        var messages = Messages(seed);
        var recorder = new Recorder(_clock);
        var parser = new FeedbackParser(Catalog, new ParserLimits(), _clock);
        var detection = new DetectionSettings();
        var groups = Sys.ActorOf(NetworkGroupsActor.Create(Catalog, detection, recorder, NoEngineTelemetry.Instance));
        var feed = new LocalNetworkFeed(groups);
        var journeys = Sys.ActorOf(JourneysActor.Create(Catalog, new JourneySettings(), recorder, followsFrontier: true, readings: feed));
        var eventTime = new EventTimeSettings { OutlierThreshold = TimeSpan.FromDays(60) };
        var sites = Sys.ActorOf(SitesActor.Create(Catalog, detection, recorder, eventTime, journeys: journeys, network: feed, journeysGiveReadings: true));
        sites.Tell(new PartitionsAssigned([("feedback", 0), ("feedback", 1), ("feedback", 2)]));

        var (expected, readings) = Replayed(parser, messages.Select(m => m.Json));
        Assert.Contains(expected, a => a.Contains("\"status\":\"open\"", StringComparison.Ordinal) && a.Contains("\"siteId\":\"s1\"", StringComparison.Ordinal)
            && a.Contains(JourneyIndicatorAttributes.NotRed, StringComparison.Ordinal)); // the surge is there to be found

        // partition 2 entirely (ahead by days), then 0, then 1
        var backlog = new[] { 2, 0, 1 }.SelectMany(p => Raw(p, messages.Where(m => m.Partition == p).Select(m => m.Json)));
        await Source.From(backlog)
            .Via(FeedbackPipeline.Create(parser, sites, 2, TimeSpan.FromSeconds(5), journeys: journeys))
            .RunWith(Sink.Ignore<PipelineResult>(), Sys.Materializer());
        _clock.Advance(eventTime.CaughtUpWait + TimeSpan.FromSeconds(1)); // every partition read to its end: the frontier goes to the last event

        await AwaitAssertAsync(() =>
        {
            var live = recorder.Alerts.Where(a => JourneyIndicatorAttributes.IsIndicator(a.AttributeId)).Select(WithoutEmittedAt).ToList();
            Assert.Equal(expected, live);
            return Task.CompletedTask;
        }, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200));
        var status = await groups.Ask<NetworkStatus>(GetNetworkStatus.Instance, TimeSpan.FromSeconds(5));
        Assert.Equal((readings, 0L, 0L, 0), (status.ReadingsApplied, status.ReadingCopies, status.ReadingsRefused, status.ReadingsHeld)); // each reading once
        var held = await journeys.Ask<JourneyStatus>(GetJourneyStatus.Instance, TimeSpan.FromSeconds(5));
        Assert.True(held.Passivated > held.Journeys / 2, $"{held.Passivated} of {held.Journeys} journeys passivated"); // 14 days of journeys: the engine's shelves held most
    }
}
