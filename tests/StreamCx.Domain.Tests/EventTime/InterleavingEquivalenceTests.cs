using CsCheck;
using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.EventTime;
using StreamCx.Domain.Processing;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Tests.Scenarios;

namespace StreamCx.Domain.Tests.EventTime;

/// <summary>
/// One truth in the domain: the same events split over topics and partitions and read in any interleaving give, behind
/// the frontier of event time, exactly the alerts of replay (every event in <see cref="EventOrder"/>).
/// </summary>
public sealed class InterleavingEquivalenceTests
{
    private static readonly string[] Attr = ["waiting-time", "product-availability"];
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly ReferenceCatalog Catalog = Feedback.Catalog([7], Attr);
    private static readonly EventTimeSettings Settings = new();

    /// <summary>
    /// Four days of a region of 7 sites: r0-s0 below its peers on product availability all along, r0-s1's waiting time
    /// falling from the third day, NPS driven by waiting time; each event on one of three channel topics.
    /// </summary>
    private static readonly FeedbackEvent[] Events = Catalog.Sites.SelectMany((s, i) => Feedback.Stream(
            s.SiteId, TimeSpan.FromDays(4), 12,
            (a, h) => a == "product-availability" ? (s.SiteId == "r0-s0" ? 3.1 : 4.2) : (s.SiteId == "r0-s1" && h > 60 ? Math.Max(2.2, 4.1 - ((h - 60) * 0.15)) : 4.1),
            Attr, 700 + i, nps: (r, rnd) => Math.Clamp((int)Math.Round((2 * r["waiting-time"]) + rnd.Next(-1, 2)), 0, 10)))
        .ToArray();

    private static readonly string[] Topics = ["store", "web", "app"];

    private static FeedbackProcessor NewProcessor() => new(Catalog, new StreamCx.Domain.Detection.DetectionSettings(), new FakeTimeProvider(Now));

    private static List<Alert> Process(IEnumerable<FeedbackEvent> events)
    {
        var processor = NewProcessor();
        return events.SelectMany(processor.Process).ToList();
    }

    private static List<string> Normalised(IEnumerable<Alert> alerts) => alerts.Select(ContractJson.Serialize).ToList();

    /// <summary>
    /// Splits the events over 3 topics x <paramref name="partitions"/> partitions (topic by a hash of the event, partition
    /// by site as the message key does), each partition in event order, with a few early messages (hours ahead of their
    /// place) and re-sent copies (after their place).
    /// </summary>
    private static Dictionary<string, List<FeedbackEvent>> Partitioned(int partitions, Random rnd)
    {
        var inputs = new Dictionary<string, List<FeedbackEvent>>(StringComparer.Ordinal);
        foreach (var e in Events.Order(EventOrder.Instance))
        {
            var topic = Topics[KeyPartitioner.PartitionOf(e.EventId, Topics.Length)]; // the same split in every test run
            var partition = int.Parse(e.SiteId[^1..], System.Globalization.CultureInfo.InvariantCulture) % partitions;
            var key = $"{topic}-{partition}";
            if (!inputs.TryGetValue(key, out var list)) inputs[key] = list = [];
            list.Add(e);
        }
        foreach (var list in inputs.Values)
        {
            for (var k = 0; k < 2 && list.Count > 200; k++)
            {
                var from = rnd.Next(100, list.Count);
                var early = list[from];
                var to = list.FindIndex(e => e.OccurredAt > early.OccurredAt.AddHours(-8));
                var at = to < 0 ? from : Math.Max(0, list.FindIndex(e => e.OccurredAt >= early.OccurredAt.AddHours(-8 + rnd.Next(0, 5))));
                if (early.OccurredAt - list[at].OccurredAt < TimeSpan.FromHours(2)) continue; // not early enough to be an outlier
                list.RemoveAt(from);
                list.Insert(at, early);
                var copy = list[rnd.Next(0, list.Count - 50)];
                list.Insert(Math.Min(list.Count, list.IndexOf(copy) + rnd.Next(1, 50)), copy);
            }
        }
        return inputs;
    }

    /// <summary>
    /// Three events per input half an hour after the last one of all, as a live stream goes on: the last events of a sparse
    /// input, after a gap longer than the outlier threshold, are then corroborated (a lone event far ahead at the very end
    /// of a stream stays held live, where replay applies it: that is the outlier rule, not a difference to test).
    /// </summary>
    private static List<FeedbackEvent> Closing(Dictionary<string, List<FeedbackEvent>> inputs)
    {
        var end = Events.Max(e => e.OccurredAt).AddMinutes(30);
        var closing = new List<FeedbackEvent>();
        foreach (var (input, list) in inputs)
        {
            for (var k = 0; k < Settings.Corroboration; k++)
            {
                var e = list[^1] with { EventId = $"closing-{input}-{k}", OccurredAt = end.AddMinutes(k) };
                list.Add(e);
                closing.Add(e);
            }
        }
        return closing;
    }

    /// <summary>Reads the inputs as a consumer does: a random input at a time, a random run of its events (fewer than <paramref name="maxRun"/>), end of data marked.</summary>
    internal static (List<Alert> Alerts, EventTimeProcessor Processor) Consume(Dictionary<string, List<FeedbackEvent>> inputs, Random rnd, int maxRun = 400)
    {
        var processor = new EventTimeProcessor(NewProcessor(), Settings);
        foreach (var input in inputs.Keys) processor.Assign(input, Now);
        var next = inputs.Keys.ToDictionary(k => k, _ => 0, StringComparer.Ordinal);
        var alerts = new List<Alert>();
        var open = inputs.Keys.ToList();
        while (open.Count > 0)
        {
            var input = open[rnd.Next(open.Count)];
            var list = inputs[input];
            for (var n = rnd.Next(1, maxRun); n > 0 && next[input] < list.Count; n--) alerts.AddRange(processor.Offer(input, list[next[input]++], Now));
            if (next[input] < list.Count) continue;
            alerts.AddRange(processor.CaughtUp(input, Now));
            open.Remove(input);
        }
        alerts.AddRange(processor.Advance(Now + Settings.CaughtUpWait)); // the inputs read to their end stop holding back
        return (alerts, processor);
    }

    [Fact]
    public void The_scenario_raises_alerts_of_several_factors_in_replay()
    {
        var alerts = Process(Events.Order(EventOrder.Instance));

        Assert.Contains(alerts, a => a.SiteId == "r0-s0" && a.Factors.Any(f => f is PeerFactor));
        Assert.Contains(alerts, a => a.SiteId == "r0-s1" && a.Factors.Any(f => f is TrendFactor));
        Assert.Contains(alerts, a => a.Factors.Any(f => f is ImportanceFactor));
    }

    [Fact]
    public void Any_interleaving_of_topics_and_partitions_gives_the_alerts_of_replay()
    {
        Gen.Int[1, 4].Select(Gen.Int).Sample((partitions, seed) =>
        {
            var rnd = new Random(seed);
            var inputs = Partitioned(partitions, rnd);
            var closing = Closing(inputs);
            var (alerts, processor) = Consume(inputs, rnd);

            Assert.Equal(0, processor.Held);
            Assert.Equal(0, processor.Processor.Counters.TooLate);
            Assert.Equal(Normalised(Process(Events.Concat(closing).Order(EventOrder.Instance))), Normalised(alerts));
        }, iter: 25);
    }

    [Fact]
    public void Early_messages_are_held_not_followed_and_only_re_sent_copies_arrive_late()
    {
        var rnd = new Random(5);
        var (_, processor) = Consume(Partitioned(2, rnd), rnd);

        Assert.True(processor.Early > 0);
        Assert.Equal(0, processor.Processor.Counters.TooLate);
        Assert.InRange(processor.Late, 0, processor.Processor.Counters.Duplicates);
    }

    [Fact]
    public void Without_the_frontier_a_backlog_read_topic_after_topic_is_mostly_too_late()
    {
        var byTopic = Partitioned(1, new Random(1)).OrderBy(kv => kv.Key, StringComparer.Ordinal).SelectMany(kv => kv.Value).ToList();
        var direct = NewProcessor();
        foreach (var e in byTopic) direct.Process(e);

        var gated = new EventTimeProcessor(NewProcessor(), Settings);
        foreach (var (input, list) in Partitioned(1, new Random(1)).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            gated.Assign(input, Now);
        }
        foreach (var (input, list) in Partitioned(1, new Random(1)).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            foreach (var e in list) gated.Offer(input, e, Now);
            gated.CaughtUp(input, Now);
        }

        Assert.True(direct.Counters.TooLate > Events.Length / 3, $"{direct.Counters.TooLate} of {Events.Length}");
        Assert.Equal(0, gated.Processor.Counters.TooLate);
    }
}
