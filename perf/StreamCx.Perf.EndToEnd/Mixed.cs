using System.Diagnostics;
using System.Globalization;
using System.Text;
using StreamCx.Perf.Kafka;

namespace StreamCx.Perf.EndToEnd;

/// <summary>
/// <c>--mixed [journeys|listening]</c>: the same number of messages, (a) feedback only (<see cref="Workload"/>) and (b) mixed
/// traffic with journeys (<see cref="JourneyMix"/>) or the listening sources (<see cref="ListeningMix"/>), read by the real engine
/// (<c>streamcx run</c>, a child process, simulator and snapshots off, a new consumer group and so a new region topic
/// each run) through today's whole path: intake → region topic (with the journeys' copies) → regions' consumer → sites,
/// journeys and listening actors. Each run: new topics, the engine started on them and left until every input is known silent, then
/// the workload produced at once. Runs alternate a, b, a, b…; one unreported pair first. A run is timed from the first message the
/// intake consumed to the last one taken: every feedback applied by the regions, the journeys' count (applied + held
/// for the frontier) and the listening sources' grown to their end.
/// </summary>
public static class Mixed
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>How long the counts must stay still, once the intake read every message and the regions took every feedback, for a run to be over.</summary>
    private static readonly TimeSpan Still = TimeSpan.FromSeconds(5);

    public static async Task<string> MeasureAsync(Target target, Options options, MixedKind kind)
    {
        var feedbackOnly = Workload.Create(options.Events);
        var (mixed, mix) = MixedWorkload.Create(kind, options.Events);
        IReadOnlyList<string> settings = kind == MixedKind.Listening ? ListeningMix.Settings : [];
        IReadOnlyList<string> engineSettings = [.. settings, .. options.EngineSettings];
        var feedbackMix = new MixStats(feedbackOnly.Events.Count, [(MixStats.Feedback, feedbackOnly.Events.Count)], "");
        Console.WriteLine($"[mixed] (a) feedback only: {feedbackOnly.Events.Count:N0} messages, {feedbackOnly.Bytes / feedbackOnly.Events.Count} bytes on average");
        Console.WriteLine($"[mixed] (b) {mix}, {mixed.Bytes / mixed.Events.Count} bytes on average");
        var replay = options.Replay ? "### Through `streamcx replay`\n\n" + MixedReplay.Measure((feedbackOnly, feedbackMix), (mixed, mix), options.Runs, settings) + "\n" : "";
        if (!options.Sustained) return Mix(mix, feedbackOnly, mixed) + "\n" + replay;
        var modes = new[] { ("a", "feedback only", feedbackOnly, feedbackMix), ("b", "mixed", mixed, mix) };
        Console.WriteLine("[mixed] one unreported pair first (a new engine process and new topics per run)");
        foreach (var (_, _, workload, m) in modes) await RunAsync(target, workload, m, engineSettings);

        var runs = new List<(string Mode, int Index, MixedRun Run)>();
        for (var i = 1; i <= options.Runs; i++)
        {
            foreach (var (mode, name, workload, m) in modes)
            {
                var run = await RunAsync(target, workload, m, engineSettings);
                runs.Add((mode, i, run));
                Console.WriteLine($"[mixed] run {i}{mode} ({name}): {run.Seconds:0.00} s, {run.MessagesPerSecond:N0} messages/s, {run.CpuMicrosPerMessage:0.0} µs engine CPU per message, "
                    + $"feedback applied {run.Applied:N0}, journeys took {run.JourneysTaken:N0}, listening took {run.ListeningTaken:N0}, rejected {run.Rejected}; {m.RatesBy(run.Seconds)}; load {run.Load}");
            }
        }

        return Mix(mix, feedbackOnly, mixed) + "\n" + replay + "### Through the engine (`streamcx run`, mock cluster)\n\n" + Markdown(options, runs, modes.ToDictionary(m => m.Item1, m => m.Item4));
    }

    private static async Task<MixedRun> RunAsync(Target target, Workload workload, MixStats mix, IReadOnlyList<string> extraSettings)
    {
        var feedback = mix.FeedbackCount;
        var listening = StreamCx.Domain.Contracts.ListeningTypes.All.Sum(mix.Of);
        var (engine, prefix, _) = await EngineOnTopics.StartAsync(target, "mixed", workload.Catalog.Sites.Count, extraSettings);
        await using var _ = engine;
        var deadline = Stopwatch.StartNew();
        var load = MachineInfo.LoadAverage();
        var producing = Task.Run(() => TopicWriter.Produce(target, prefix, workload, noEmptyPartition: true));
        EngineCounts status;
        while ((status = await EngineOnTopics.CountsAsync(engine)).Consumed == 0) Check(deadline, status, feedback);
        var messages = workload.Events.Count;
        var clock = Stopwatch.StartNew();
        var cpuBefore = engine.CpuTime;
        var last = status;
        var lastChange = TimeSpan.Zero;
        while (true)
        {
            await Task.Delay(Poll);
            status = await EngineOnTopics.CountsAsync(engine);
            var now = clock.Elapsed;
            if (Environment.GetEnvironmentVariable("MIXED_TRACE") is not null) Console.WriteLine($"  {now.TotalSeconds:0.0} s {status} {await engine.Http.GetStringAsync(new Uri("/api/status", UriKind.Relative))}");
            if (status with { Consumed = 0, Frontier = null } != last with { Consumed = 0, Frontier = null }) (last, lastChange) = (status, now);
            if (status.Consumed >= messages && status.Applied + status.Rejected >= feedback && status.ListeningHas >= listening && now - lastChange >= Still) break;
            Check(deadline, status, feedback);
        }

        var cpu = engine.CpuTime - cpuBefore;
        await producing;
        var seconds = lastChange.TotalSeconds;
        return new MixedRun(seconds, messages / seconds, cpu.TotalSeconds * 1e6 / messages, status.Applied, status.JourneysTaken, status.ListeningTaken, status.Rejected, load);
    }

    private static void Check(Stopwatch deadline, EngineCounts status, int feedback)
    {
        if (deadline.Elapsed > TimeSpan.FromMinutes(5))
            throw new TimeoutException($"the engine applied {status.Applied} of {feedback} feedback (the mock cluster keeps 5 MiB per partition of the region topic: use fewer --events)");
    }

    private static string Mix(MixStats mix, Workload a, Workload b) =>
        $"(a) feedback only: {a.Events.Count:N0} messages ({a.Bytes / a.Events.Count} bytes on average); (b) {mix} ({b.Bytes / b.Events.Count} bytes on average).\n";

    private static string Markdown(Options options, List<(string Mode, int Index, MixedRun Run)> runs, Dictionary<string, MixStats> mixes)
    {
        double Median(string mode, Func<MixedRun, double> f) => Stats.Median(runs.Where(r => r.Mode == mode).Select(r => f(r.Run)));
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine("| run | mode | seconds | messages/s | by type (messages/s) | engine CPU per message (µs) | feedback applied | journeys took (applied + held) | listening took | load average at start |");
        text.AppendLine("|---|---|---:|---:|---|---:|---:|---:|---:|---|");
        foreach (var (mode, index, r) in runs)
            text.AppendLine(inv, $"| {index}{mode} | {(mode == "a" ? "feedback only" : "mixed")} | {r.Seconds:0.00} | {r.MessagesPerSecond:N0} | {mixes[mode].RatesBy(r.Seconds)} | {r.CpuMicrosPerMessage:0.0} | {r.Applied:N0} | {r.JourneysTaken:N0} | {r.ListeningTaken:N0} | {r.Load} |");
        var (rateA, rateB) = (Median("a", r => r.MessagesPerSecond), Median("b", r => r.MessagesPerSecond));
        var (cpuA, cpuB) = (Median("a", r => r.CpuMicrosPerMessage), Median("b", r => r.CpuMicrosPerMessage));
        var pairs = runs.Where(r => r.Mode == "b").Select(rb => rb.Run.MessagesPerSecond / runs.Single(ra => ra.Mode == "a" && ra.Index == rb.Index).Run.MessagesPerSecond);
        text.AppendLine(inv, $"| **median** | a | | **{rateA:N0}** | {mixes["a"].RatesBy(mixes["a"].Messages / rateA)} | {cpuA:0.0} | | | | |");
        text.AppendLine(inv, $"| **median** | b | | **{rateB:N0}** | {mixes["b"].RatesBy(mixes["b"].Messages / rateB)} | {cpuB:0.0} | | | | |");
        text.AppendLine();
        text.AppendLine(inv, $"Ratio b / a of the medians: **{rateB / rateA:0.00}** (per pair: {string.Join(", ", pairs.Select(p => p.ToString("0.00", inv)))}); engine CPU per message b / a: {cpuB / cpuA:0.00}. {options.Runs} runs of each.");
        return text.ToString();
    }
}

public sealed record MixedRun(double Seconds, double MessagesPerSecond, double CpuMicrosPerMessage, long Applied, long JourneysTaken, long ListeningTaken, long Rejected, string Load);
