using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.EventTime;
using StreamCx.Domain.Processing;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Tests.Scenarios;

namespace StreamCx.Domain.Tests.EventTime;

/// <summary>
/// One truth with tied event times (second-resolution timestamps, batch exports): events of several inputs at the same
/// time, in any interleaving and in any order within their time, are applied in <see cref="EventOrder"/>, as replay
/// applies them — none comes behind the frontier because another of its own input at its time went before.
/// </summary>
public sealed class TiedTimesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly EventTimeSettings Settings = new();

    /// <summary>
    /// Three inputs of 60 events each within 20 seconds, whole seconds only: each input in the order of its time, its
    /// events at one second in no particular order of their ids (as they were produced).
    /// </summary>
    private static Dictionary<string, List<FeedbackEvent>> TiedInputs(Random rnd)
    {
        var inputs = new Dictionary<string, List<FeedbackEvent>>(StringComparer.Ordinal);
        foreach (var input in new[] { "store-0", "web-0", "app-0" })
        {
            inputs[input] = [.. Enumerable.Range(0, 60)
                .Select(_ => new FeedbackEvent($"e-{rnd.Next():x8}", T0.AddSeconds(rnd.Next(0, 20)), "r0-s0", "survey", new Dictionary<string, double>()))
                .OrderBy(e => e.OccurredAt)];
        }
        return inputs;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Tied_events_of_several_inputs_in_any_interleaving_are_released_in_event_order_and_none_is_late(int seed)
    {
        var rnd = new Random(seed);
        var inputs = TiedInputs(rnd);
        var frontier = new EventTimeFrontier(Settings);
        var held = new HeldEvents();
        var applied = new List<FeedbackEvent>();
        var late = new List<FeedbackEvent>();
        void Release(DateTimeOffset now)
        {
            frontier.Advance(now);
            while (held.TryRelease(frontier.Released, out var e, out _)) applied.Add(e);
        }

        // as the frontier's users do (EventTimeProcessor, the region actors): held until released, a late one applied at once
        foreach (var input in inputs.Keys) frontier.Assign(input, Now);
        var next = inputs.Keys.ToDictionary(k => k, _ => 0, StringComparer.Ordinal);
        var open = inputs.Keys.ToList();
        while (open.Count > 0)
        {
            var input = open[rnd.Next(open.Count)];
            var list = inputs[input];
            for (var n = rnd.Next(1, 10); n > 0 && next[input] < list.Count; n--)
            {
                var e = list[next[input]++];
                if (frontier.Observe(input, e.OccurredAt, Now) == Arrival.Late)
                {
                    late.Add(e);
                    applied.Add(e);
                }
                else
                {
                    held.Hold(e);
                }
                Release(Now);
            }
            if (next[input] < list.Count) continue;
            frontier.CaughtUp(input, Now);
            Release(Now);
            open.Remove(input);
        }
        Release(Now + Settings.CaughtUpWait); // read to their ends, the inputs stop holding back

        Assert.Empty(late);
        Assert.Equal(0, held.Count);
        Assert.Equal(inputs.Values.SelectMany(l => l).Order(EventOrder.Instance).Select(e => e.EventId), applied.Select(e => e.EventId));
    }

    private static readonly string[] Attr = ["waiting-time", "product-availability"];
    private static readonly ReferenceCatalog Catalog = Feedback.Catalog([7], Attr);
    private static readonly string[] Topics = ["store", "web", "app"];

    /// <summary>
    /// Four days of a region of 7 sites (r0-s0 below its peers, r0-s1's waiting time falling from the third day), exported
    /// in batches: every event's time is its quarter of an hour, a dozen events of the region at each.
    /// </summary>
    private static readonly FeedbackEvent[] Batched = Catalog.Sites.SelectMany((s, i) => Feedback.Stream(
            s.SiteId, TimeSpan.FromDays(4), 12,
            (a, h) => a == "product-availability" ? (s.SiteId == "r0-s0" ? 3.1 : 4.2) : (s.SiteId == "r0-s1" && h > 60 ? Math.Max(2.2, 4.1 - ((h - 60) * 0.15)) : 4.1),
            Attr, 700 + i, nps: (r, rnd) => Math.Clamp((int)Math.Round((2 * r["waiting-time"]) + rnd.Next(-1, 2)), 0, 10)))
        .Select(e => e with { OccurredAt = new DateTimeOffset(e.OccurredAt.UtcTicks - (e.OccurredAt.UtcTicks % TimeSpan.FromMinutes(15).Ticks), TimeSpan.Zero) })
        .ToArray();

    private static FeedbackProcessor NewProcessor() => new(Catalog, new StreamCx.Domain.Detection.DetectionSettings(), new FakeTimeProvider(Now));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(4, 2)]
    [InlineData(5, 4)]
    public void Batch_exported_feedback_read_from_several_topics_in_any_interleaving_gives_the_alerts_of_replay(int seed, int partitions)
    {
        Assert.True(Batched.GroupBy(e => e.OccurredAt).Average(g => g.Count()) > 5, "events share their times");
        var rnd = new Random(seed);
        // topic by a hash of the event, partition by site; each partition in the order of its time, ties in no order of their ids
        var inputs = Batched
            .Select(e => (Event: e, Input: $"{Topics[KeyPartitioner.PartitionOf(e.EventId, Topics.Length)]}-{int.Parse(e.SiteId[^1..], System.Globalization.CultureInfo.InvariantCulture) % partitions}", Tie: rnd.Next()))
            .GroupBy(x => x.Input)
            .ToDictionary(g => g.Key, g => g.OrderBy(x => x.Event.OccurredAt).ThenBy(x => x.Tie).Select(x => x.Event).ToList(), StringComparer.Ordinal);

        var (alerts, processor) = InterleavingEquivalenceTests.Consume(inputs, rnd, maxRun: 100); // the same catalog, settings and clock as here
        alerts.AddRange(processor.Flush()); // a lone event far ahead at the very end of an input stays held live (the outlier rule)

        var replay = NewProcessor();
        var expected = Batched.Order(EventOrder.Instance).SelectMany(replay.Process).ToList();
        Assert.Contains(expected, a => a.Factors.Any(f => f is PeerFactor));
        Assert.Contains(expected, a => a.Factors.Any(f => f is TrendFactor));
        Assert.Equal(expected.Select(ContractJson.Serialize), alerts.Select(ContractJson.Serialize));
        Assert.Equal(0, processor.Late);
    }
}
