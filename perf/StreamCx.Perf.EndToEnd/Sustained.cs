using System.Diagnostics;
using StreamCx.Perf.Kafka;

namespace StreamCx.Perf.EndToEnd;

/// <summary>
/// Step 1: the workload produced once, then alternating runs over it, each in a new consumer group: the bare
/// Confluent.Kafka loop (the ceiling), then the engine until every event is applied. One warm-up pair first.
/// </summary>
public static class Sustained
{
    public static async Task<SustainedResult> MeasureAsync(Target target, Workload workload, int runCount)
    {
        var prefix = $"e2e.sustained.{Guid.NewGuid():N}"[..26];
        Console.WriteLine($"[1] {target.Name}: producing {workload.Events.Count:N0} events ({workload.Bytes / workload.Events.Count} bytes on average) to {prefix}.*");
        var (topics, produceSeconds) = TopicWriter.Produce(target, prefix, workload);
        Console.WriteLine($"[1] produced in {produceSeconds:0.00} s to {topics.Count} topics; warm-up (one bare loop, then engine runs until the JIT has settled; not reported)");
        var count = workload.Events.Count;
        BareLoop.Run(target, topics, count);
        var warmUpRuns = await WarmUpAsync(target, topics, workload);
        var runs = new List<SustainedRun>();
        for (var i = 0; i < runCount; i++)
        {
            var bare = BareLoop.Run(target, topics, count);
            var (engine, cpu, late, tooLate, runtime) = await EngineRunAsync(target, topics, workload);
            runs.Add(new SustainedRun(count / bare, count / engine, bare / engine, late, tooLate) { EngineCpuMicrosPerEvent = cpu * 1e6 / count, EngineRuntime = runtime });
            Console.WriteLine($"[1] run {i + 1}: bare loop {count / bare:N0} records/s, engine {count / engine:N0} events/s, ratio {bare / engine:0.000}, "
                + $"process CPU {cpu * 1e6 / count:0.0} µs per event; {runtime}");
        }

        return new SustainedResult(target.Name, count, (int)(workload.Bytes / count), topics.Count, count / produceSeconds, runs,
            Stats.Median(runs.Select(r => r.BareRecordsPerSecond)), Stats.Median(runs.Select(r => r.EngineEventsPerSecond)), Stats.Median(runs.Select(r => r.Ratio)))
        {
            WarmUpRuns = warmUpRuns,
        };
    }

    /// <summary>Most methods a warm-up run may still JIT-compile (tier-up included) for the next run to count as steady state.</summary>
    private const int SettledJitMethods = 50;

    private const int MaxWarmUpRuns = 4;

    /// <summary>
    /// Engine runs until one compiles at most <see cref="SettledJitMethods"/> methods (at most <see cref="MaxWarmUpRuns"/>):
    /// tiered compilation keeps promoting hot methods for several seconds, on the same 2 cores, after the first run.
    /// </summary>
    private static async Task<int> WarmUpAsync(Target target, IReadOnlyList<string> topics, Workload workload)
    {
        for (var run = 1; ; run++)
        {
            var (seconds, _, _, _, runtime) = await EngineRunAsync(target, topics, workload);
            Console.WriteLine($"[1] warm-up {run}: engine {workload.Events.Count / seconds:N0} events/s; {runtime}");
            if (runtime.JitMethods <= SettledJitMethods || run == MaxWarmUpRuns) return run;
        }
    }

    /// <summary>
    /// Seconds from the first record consumed to the last applied (the group join is not counted), and the CPU seconds
    /// the process used meanwhile (engine and, on the mock cluster, the broker: less sensitive than wall clock to other load).
    /// </summary>
    private static async Task<(double Seconds, double CpuSeconds, long Late, long TooLate, RuntimeActivity Runtime)> EngineRunAsync(Target target, IReadOnlyList<string> topics, Workload workload)
    {
        await using var engine = new InProcessEngine(target.For(topics, $"engine-{Guid.NewGuid():N}"), workload.Catalog);
        var deadline = Stopwatch.StartNew();
        while (engine.Control.ConsumedCount == 0)
        {
            Check(deadline, engine, workload.Events.Count);
            Thread.Sleep(1);
        }

        var clock = Stopwatch.StartNew();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var runtimeBefore = RuntimeActivity.Now();
        while (engine.Processed < workload.Events.Count)
        {
            Check(deadline, engine, workload.Events.Count);
            Thread.Sleep(2);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var runtime = RuntimeActivity.Now().Since(runtimeBefore);
        if (engine.Counters.Rejected > 0 || engine.Counters.Duplicates > 0)
        {
            throw new InvalidOperationException($"the workload should be clean: {engine.Counters.Rejected} rejected, {engine.Counters.Duplicates} duplicates");
        }

        return (seconds, cpuSeconds, engine.Counters.Late, engine.Counters.TooLate, runtime);
    }

    private static void Check(Stopwatch deadline, InProcessEngine engine, int count)
    {
        if (deadline.Elapsed > TimeSpan.FromMinutes(10))
        {
            throw new TimeoutException($"engine: {engine.Processed} of {count} records processed");
        }
    }
}
