using BenchmarkDotNet.Attributes;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Processing;
using StreamCx.Perf.Micro.Workload;

namespace StreamCx.Perf.Micro.Processing;

/// <summary>
/// <see cref="FeedbackProcessor.Process"/> of one valid event with 6 ratings, in steady state: all 49 sites of
/// config/sites.json warmed with four days of events (one every 0.5 s, so a site-attribute gets ~90 ratings an hour and
/// every daily profile is learned), then new events. Per event: duplicate filter, watermark, headline scores, and for
/// each rating the monitor's Apply, the region board update, the peer list, the driver importance and Evaluate.
/// Events are immutable and event time must advance, so each iteration gets a new batch from an iteration setup (not
/// measured) and a fixed invocation count that consumes exactly that batch. Parsing is measured separately.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(BatchSize, 16)]
public class FeedbackProcessorBenchmarks
{
    private const int BatchSize = 1 << 14;
    private static readonly DateTimeOffset Start = WarmedAttribute.Start;
    private readonly FeedbackEvent[] _batch = new FeedbackEvent[BatchSize];
    private FeedbackProcessor _processor = null!;
    private EventStream _stream = null!;
    private int _next;
    private long _alerts;

    [GlobalSetup]
    public void Setup()
    {
        var catalog = RepoFiles.Catalog();
        _processor = new FeedbackProcessor(catalog, new DetectionSettings(), new FixedClock(Start.AddYears(1)));
        _stream = new EventStream(catalog, Start, seed: 1);
        long warmup = 0;
        var emitted = new Dictionary<string, int>(StringComparer.Ordinal);
        while (_stream.Time < Start + WarmedAttribute.History)
        {
            foreach (var a in _processor.Process(_stream.Next()))
            {
                var key = $"day {(a.RaisedAt - Start).Days + 1} {a.Status} [{string.Join("+", a.Factors.Select(f => f.Kind))}]";
                emitted[key] = emitted.GetValueOrDefault(key) + 1;
            }
            warmup++;
        }
        var learned = _processor.Monitors.Count(m => m.Profile.IsFullyLearned);
        Console.WriteLine($"// warm-up: {warmup} events, {emitted.Values.Sum()} alert emissions, {learned} of {_processor.Monitors.Count()} monitors with a fully learned profile");
        foreach (var (key, count) in emitted.OrderBy(kv => kv.Key, StringComparer.Ordinal)) Console.WriteLine($"//   {key}: {count}");
    }

    [IterationSetup]
    public void NextBatch()
    {
        for (var i = 0; i < BatchSize; i++) _batch[i] = _stream.Next();
        _next = 0;
    }

    [Benchmark]
    public int Process()
    {
        var alerts = _processor.Process(_batch[_next++]).Count;
        _alerts += alerts;
        return alerts;
    }

    [GlobalCleanup]
    public void Report()
    {
        var c = _processor.Counters;
        Console.WriteLine($"// measured and warm-up: on time {c.OnTime}, late {c.Late}, too late {c.TooLate}, duplicates {c.Duplicates}; alert emissions during the benchmark: {_alerts}");
    }
}
