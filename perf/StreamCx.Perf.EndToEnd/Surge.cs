using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.ReferenceData;
using StreamCx.Host.Simulation;
using StreamCx.Perf.Kafka;
using StreamCx.Perf.LiveStream;

namespace StreamCx.Perf.EndToEnd;

/// <summary>
/// <c>--surge</c>: how fast the real engine (<c>streamcx run</c> on the mock cluster, <see cref="EngineOnTopics"/>, the
/// engine's own Kafka settings) alerts the demo's social burst and complaint surge (<see cref="SurgeScript"/>), one seed after
/// the other. The five days of baseline are produced at once and left to be taken; then the last hours are produced live, one
/// message every <see cref="Pace"/> in event order, each message's produce time noted: as scripted (event time runs about 250
/// times faster than the wall clock), or with <see cref="LivePace.Real"/> each dated the wall clock of its produce (the script
/// moved so that its baseline ends where the live phase starts). The alerts are read back from the engine's alerts topic. For
/// the site's first social and first complaint alert opened after their onset (with real pace, the produce of the first live
/// message at or after the scripted onset): event time from the onset to the alert's <c>raisedAt</c> (the tipping message's
/// event time), and wall clock from producing that tipping message to the alert's <c>emittedAt</c> (the engine's clock) and
/// to its reading from the alerts topic.
/// </summary>
public static class Surge
{
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(150);

    /// <summary>How close to the last message produced the engine's frontier must come for a phase to be over.</summary>
    private static readonly TimeSpan Settled = TimeSpan.FromMinutes(30);

    public static async Task<string> MeasureAsync(Target target, Options options)
    {
        var catalog = Workload.LoadCatalog();
        var rows = new List<SurgeRow>();
        foreach (var seed in options.Seeds)
        {
            var run = await RunAsync(target, catalog, seed, options);
            rows.AddRange(run);
            foreach (var r in run) Console.WriteLine($"[surge] {r}");
        }
        return SurgeReport.Markdown(rows, Pace, options.LivePace);
    }

    private static async Task<IReadOnlyList<SurgeRow>> RunAsync(Target target, ReferenceCatalog catalog, int seed, Options options)
    {
        var real = options.LivePace == LivePace.Real;
        var script = SurgeScript.Create(catalog, seed, real ? DateTimeOffset.UtcNow + SurgeScript.LiveSpan : DateTimeOffset.UtcNow);
        var alertsTopic = $"e2e.surge.{Guid.NewGuid():N}.alerts";
        using var reader = new AlertsTopicReader(target, alertsTopic);
        var (engine, prefix, topics) = await EngineOnTopics.StartAsync(target, "surge", catalog.Sites.Count, [$"Kafka:AlertsTopic={alertsTopic}", .. options.EngineSettings]);
        await using var _ = engine;
        var baseline = new Workload(catalog, [.. script.Baseline.Select(m => (m.Key, m.Value))]);
        var clock = Stopwatch.StartNew();
        TopicWriter.Produce(target, prefix, baseline, noEmptyPartition: true);
        await WaitTakenAsync(engine, MixedWorkload.Of(catalog, [.. script.Baseline], _ => "").Mix);
        await SettleAsync(engine, script.Baseline[^1].At);
        Console.WriteLine($"[surge] seed {seed}: baseline of {script.Baseline.Count:N0} messages taken in {clock.Elapsed.TotalSeconds:0} s; {script.Live.Count} live messages, one every {Pace.TotalMilliseconds} ms");

        var load = MachineInfo.LoadAverage();
        var sent = await ProduceLiveAsync(target, SitePartitions.Create(target, topics, catalog.Sites.Select(s => s.SiteId)), script.Live, real);
        if (Environment.GetEnvironmentVariable("SURGE_DUMP") is { } dump) // the messages as produced (real pace: dated anew)
            new Workload(catalog, [.. script.Baseline.Concat(sent.Select(s => s.Message)).Select(m => (m.Key, m.Value))]).WriteJsonLines($"{dump}.{seed}.jsonl");
        var frontier = await SettleAsync(engine, sent[^1].Message.At);
        var alerts = reader.Alerts.ToList();
        Console.WriteLine($"[surge] seed {seed}: frontier at {frontier:HH:mm:ss} (last live message {sent[^1].Message.At:HH:mm:ss}); {alerts.Count} alert emissions read: "
            + string.Join(", ", alerts.CountBy(a => $"{a.AttributeId} ({string.Join('+', a.FactorKinds)}) {a.Status}").Select(g => $"{g.Value} {g.Key}")));
        return
        [
            Row(seed, "social burst", "social", ListeningTypes.SocialMention, script.BurstStart),
            Row(seed, "complaint surge", "complaints", ListeningTypes.Complaint, script.SurgeStart),
        ];

        // the social alert is the site's "social" pseudo-attribute's; a complaint surge's is shown under the attribute its reason bears on (waiting time)
        SurgeRow Row(int seed, string what, string factor, string type, DateTimeOffset scripted)
        {
            var site = script.Site.SiteId;
            var onset = real ? sent.FirstOrDefault(s => s.Scripted >= scripted).Message?.At ?? scripted : scripted; // real pace: when the onset was produced
            var opened = alerts.Where(a => a.SiteId == site && a.FactorKinds.Contains(factor) && a.Status == "open").ToList();
            var before = opened.Count(a => a.RaisedAt < onset);
            var alert = opened.Where(a => a.RaisedAt >= onset).MinBy(a => a.RaisedAt);
            if (alert is null) return new SurgeRow(seed, what, site, onset, null, 0, null, null, before, load);
            var ofType = sent.Where(s => s.Message.Key == site && s.Message.At >= onset && s.Message.At <= alert.RaisedAt && MixStats.TypeOf(s.Message.Value) == type).ToList();
            var tipping = ofType.LastOrDefault(s => s.Message.At == alert.RaisedAt);
            return new SurgeRow(seed, what, site, onset, alert.RaisedAt, ofType.Count,
                tipping.Message is null ? null : alert.EmittedAt - tipping.At, tipping.Message is null ? null : alert.ReadAt - tipping.At, before, load)
            {
                Tipping = tipping.Message is null ? null : $"{tipping.Message.EventId} produced {tipping.At:HH:mm:ss.fff}",
            };
        }
    }

    /// <summary>
    /// Until the engine's frontier of event time is within <see cref="Settled"/> of <paramref name="last"/> (the very last
    /// message may be far ahead of its quiet input's time: held as early until more of that input corroborate it, it may
    /// never be passed), at most 3 minutes; then 2 s more. Returns where the frontier stands.
    /// </summary>
    private static async Task<DateTimeOffset?> SettleAsync(EngineProcess engine, DateTimeOffset last)
    {
        var waiting = Stopwatch.StartNew();
        DateTimeOffset? frontier;
        while (((frontier = (await EngineOnTopics.CountsAsync(engine)).Frontier) is not { } f || f < last - Settled) && waiting.Elapsed < TimeSpan.FromMinutes(3))
            await Task.Delay(200);
        await Task.Delay(TimeSpan.FromSeconds(2));
        return frontier;
    }

    /// <summary>
    /// Each message in turn, <see cref="Pace"/> apart, to its site's partition: as scripted, or (<paramref name="real"/>) dated the
    /// wall clock of its produce; as produced, with the wall clock of its produce and its scripted time.
    /// </summary>
    private static async Task<List<(SimulatedMessage Message, DateTimeOffset At, DateTimeOffset Scripted)>> ProduceLiveAsync(
        Target target, SitePartitions partitions, IReadOnlyList<SimulatedMessage> live, bool real)
    {
        var sent = new List<(SimulatedMessage Message, DateTimeOffset At, DateTimeOffset Scripted)>(live.Count);
        using var producer = Producers.Create(target.Settings, lingerMs: 0);
        foreach (var m in live)
        {
            var at = DateTimeOffset.UtcNow;
            var message = real ? DatedAt(m, at) : m;
            await producer.ProduceAsync(partitions.For(m.Key), new Message<string, byte[]> { Key = m.Key, Value = message.Value });
            sent.Add((message, at, m.At));
            await Task.Delay(Pace);
        }
        return sent;
    }

    /// <summary>The message with its <c>occurredAt</c> set to <paramref name="at"/> (to the millisecond, as the contract's timestamps are written).</summary>
    private static SimulatedMessage DatedAt(SimulatedMessage m, DateTimeOffset at)
    {
        at = new DateTimeOffset(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        var json = JsonNode.Parse(m.Value)!.AsObject();
        json["occurredAt"] = at.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
        return m with { At = at, Value = JsonSerializer.SerializeToUtf8Bytes(json) };
    }

    /// <summary>Until the intake read <paramref name="mix"/> whole, the regions applied (or refused) its feedback and the listening actors have its messages (applied or held); then 3 s more.</summary>
    private static async Task WaitTakenAsync(EngineProcess engine, MixStats mix)
    {
        var listening = ListeningTypes.All.Sum(mix.Of);
        var deadline = Stopwatch.StartNew();
        while (await EngineOnTopics.CountsAsync(engine) is var c && (c.Consumed < mix.Messages || c.Applied + c.Rejected < mix.FeedbackCount || c.ListeningHas < listening))
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(15)) throw new TimeoutException($"the engine took {c} of the baseline's {mix} in 15 minutes");
            await Task.Delay(500);
        }
        await Task.Delay(TimeSpan.FromSeconds(3));
    }
}

/// <summary>One alert of one seed: when its surge began and when it was raised (event time), how long after the tipping message's produce it was emitted and read (wall clock).</summary>
public sealed record SurgeRow(
    int Seed, string What, string SiteId, DateTimeOffset Onset, DateTimeOffset? RaisedAt, int MessagesByThen, TimeSpan? ProduceToEmitted, TimeSpan? ProduceToRead,
    int OpenedBeforeOnset, string Load)
{
    public TimeSpan? EventTime => RaisedAt - Onset;

    /// <summary>The tipping message's event id and the wall clock of its produce (to find it in the engine's log).</summary>
    public string? Tipping { get; init; }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"seed {Seed} {What} at {SiteId}: onset {Onset:HH:mm:ss}, raised {RaisedAt:HH:mm:ss} ({EventTime?.TotalMinutes:0.0} min, {MessagesByThen} messages), produce → emitted {ProduceToEmitted?.TotalMilliseconds:0} ms, → read {ProduceToRead?.TotalMilliseconds:0} ms; {OpenedBeforeOnset} opened before onset; tipping {Tipping}");
}
