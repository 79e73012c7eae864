using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using StreamCx.Perf.Kafka;
using StreamCx.Perf.LiveStream;

namespace StreamCx.Perf.EndToEnd;

/// <summary>
/// <c>--mixed</c>: the same number of messages, (a) feedback only (<see cref="Workload"/>) and (b) mixed traffic with
/// journeys (<see cref="MixedWorkload"/>), read by the real engine
/// (<c>streamcx run</c>, a child process, simulator and snapshots off, a new consumer group and so a new region topic
/// each run) through today's whole path: intake → region topic (with the journeys' copies) → regions' consumer → sites
/// and journeys actors. Each run: new topics, the engine started on them and left until every input is known silent, then
/// the workload produced at once. Runs alternate a, b, a, b…; one unreported pair first. A run is timed from the first message the
/// intake consumed to the last one taken: every feedback applied by the regions and the journeys' count (applied + held
/// for the frontier) grown to its end.
/// </summary>
public static class Mixed
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>How long the counts must stay still, once the intake read every message and the regions took every feedback, for a run to be over.</summary>
    private static readonly TimeSpan Still = TimeSpan.FromSeconds(5);

    public static async Task<string> MeasureAsync(Target target, Options options)
    {
        var feedbackOnly = Workload.Create(options.Events);
        var (mixed, mix) = MixedWorkload.Create(options.Events);
        Console.WriteLine($"[mixed] (a) feedback only: {feedbackOnly.Events.Count:N0} messages, {feedbackOnly.Bytes / feedbackOnly.Events.Count} bytes on average");
        Console.WriteLine($"[mixed] (b) {mix}, {mixed.Bytes / mixed.Events.Count} bytes on average");
        var replay = options.Replay ? "### Through `streamcx replay`\n\n" + MixedReplay.Measure(feedbackOnly, mixed, options.Runs) + "\n" : "";
        if (!options.Sustained) return Mix(mix, feedbackOnly, mixed) + "\n" + replay;
        var modes = new[] { ("a", "feedback only", feedbackOnly, feedbackOnly.Events.Count), ("b", "mixed", mixed, mix.Feedback) };
        Console.WriteLine("[mixed] one unreported pair first (a new engine process and new topics per run)");
        foreach (var (_, _, workload, feedback) in modes) await RunAsync(target, workload, feedback);

        var runs = new List<(string Mode, int Index, MixedRun Run)>();
        for (var i = 1; i <= options.Runs; i++)
        {
            foreach (var (mode, name, workload, feedback) in modes)
            {
                var run = await RunAsync(target, workload, feedback);
                runs.Add((mode, i, run));
                Console.WriteLine($"[mixed] run {i}{mode} ({name}): {run.Seconds:0.00} s, {run.MessagesPerSecond:N0} messages/s, {run.CpuMicrosPerMessage:0.0} µs engine CPU per message, "
                    + $"feedback applied {run.Applied:N0}, journeys took {run.JourneysTaken:N0}, rejected {run.Rejected}; load {run.Load}");
            }
        }

        return Mix(mix, feedbackOnly, mixed) + "\n" + replay + "### Through the engine (`streamcx run`, mock cluster)\n\n" + Markdown(options, runs);
    }

    private static async Task<MixedRun> RunAsync(Target target, Workload workload, int feedback)
    {
        // the topics first, then the engine: it is assigned them all, finds them silent (idle) and waits; then the workload is
        // produced at once, as fast as the producer goes, and read as it arrives (an engine started on a backlog holds
        // everything until it has heard of every input, and reads it slowly meanwhile: not what this compares)
        var prefix = $"e2e.mixed.{Guid.NewGuid():N}"[..20];
        var topics = Enumerable.Range(0, Math.Max(1, workload.Catalog.Sites.Count / 4)).Select(i => $"{prefix}.{i}").ToList();
        topics.ForEach(target.EnsureTopic);
        var settings = new List<string>
        {
            $"Kafka:BootstrapServers={target.Settings.BootstrapServers}", $"Kafka:GroupId=mixed-{Guid.NewGuid():N}", "Snapshots:Enabled=false",
            "Logging:LogLevel:Default=Warning",
        };
        settings.AddRange(topics.Select((t, i) => $"Kafka:Topics:{i}={t}"));
        await using var engine = await EngineProcess.StartAsync([.. settings]);
        var deadline = Stopwatch.StartNew();
        while (!await AssignedAsync(engine, topics.Count * 4))
        {
            Check(deadline, new Status(0, 0, 0, 0), feedback);
            await Task.Delay(200);
        }
        await Task.Delay(new StreamCx.Domain.EventTime.EventTimeSettings().IdleTimeout + TimeSpan.FromSeconds(2)); // every input known silent
        var load = MachineInfo.LoadAverage();
        var producing = Task.Run(() => TopicWriter.Produce(target, prefix, workload, noEmptyPartition: true));
        Status status;
        while ((status = await StatusAsync(engine)).Consumed == 0) Check(deadline, status, feedback);
        var messages = workload.Events.Count;
        var clock = Stopwatch.StartNew();
        var cpuBefore = engine.CpuTime;
        var last = status;
        var lastChange = TimeSpan.Zero;
        while (true)
        {
            await Task.Delay(Poll);
            status = await StatusAsync(engine);
            var now = clock.Elapsed;
            if (Environment.GetEnvironmentVariable("MIXED_TRACE") is not null) Console.WriteLine($"  {now.TotalSeconds:0.0} s {status} {await engine.Http.GetStringAsync(new Uri("/api/status", UriKind.Relative))}");
            if (status.Applied != last.Applied || status.JourneysTaken != last.JourneysTaken || status.Rejected != last.Rejected) (last, lastChange) = (status, now);
            if (status.Consumed >= messages && status.Applied + status.Rejected >= feedback && now - lastChange >= Still) break;
            Check(deadline, status, feedback);
        }

        var cpu = engine.CpuTime - cpuBefore;
        await producing;
        var seconds = lastChange.TotalSeconds;
        return new MixedRun(seconds, messages / seconds, cpu.TotalSeconds * 1e6 / messages, status.Applied, status.JourneysTaken, status.Rejected, load);
    }

    private static void Check(Stopwatch deadline, Status status, int feedback)
    {
        if (deadline.Elapsed > TimeSpan.FromMinutes(5))
            throw new TimeoutException($"the engine applied {status.Applied} of {feedback} feedback (the mock cluster keeps 5 MiB per partition of the region topic: use fewer --events)");
    }

    private static async Task<bool> AssignedAsync(EngineProcess engine, int partitions)
    {
        try
        {
            using var json = JsonDocument.Parse(await engine.Http.GetStringAsync(new Uri("/api/status", UriKind.Relative)));
            var kafka = json.RootElement.GetProperty("kafka");
            return kafka.GetProperty("assignedPartitions") is { ValueKind: JsonValueKind.Array } a && a.GetArrayLength() == partitions
                && kafka.GetProperty("regions").GetProperty("assignedPartitions") is { ValueKind: JsonValueKind.Array } r && r.GetArrayLength() > 0;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private sealed record Status(long Consumed, long Applied, long Rejected, long JourneysTaken);

    private static async Task<Status> StatusAsync(EngineProcess engine)
    {
        using var json = JsonDocument.Parse(await engine.Http.GetStringAsync(new Uri("/api/status", UriKind.Relative)));
        var root = json.RootElement;
        var consumed = root.GetProperty("kafka").GetProperty("consumed") is { ValueKind: JsonValueKind.Number } c ? c.GetInt64() : 0;
        var journeys = root.GetProperty("journeys") is { ValueKind: JsonValueKind.Object } j ? j.GetProperty("applied").GetInt64() + j.GetProperty("held").GetInt64() : 0;
        return new Status(consumed, root.GetProperty("applied").GetInt64(), root.GetProperty("rejected").GetInt64(), journeys);
    }

    private static string Mix(MixStats mix, Workload a, Workload b) =>
        $"(a) feedback only: {a.Events.Count:N0} messages ({a.Bytes / a.Events.Count} bytes on average); (b) {mix} ({b.Bytes / b.Events.Count} bytes on average).\n";

    private static string Markdown(Options options, List<(string Mode, int Index, MixedRun Run)> runs)
    {
        double Median(string mode, Func<MixedRun, double> f) => Stats.Median(runs.Where(r => r.Mode == mode).Select(r => f(r.Run)));
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine("| run | mode | seconds | messages/s | engine CPU per message (µs) | feedback applied | journeys took (applied + held) | load average at start |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---|");
        foreach (var (mode, index, r) in runs)
            text.AppendLine(inv, $"| {index}{mode} | {(mode == "a" ? "feedback only" : "mixed")} | {r.Seconds:0.00} | {r.MessagesPerSecond:N0} | {r.CpuMicrosPerMessage:0.0} | {r.Applied:N0} | {r.JourneysTaken:N0} | {r.Load} |");
        var (rateA, rateB) = (Median("a", r => r.MessagesPerSecond), Median("b", r => r.MessagesPerSecond));
        var (cpuA, cpuB) = (Median("a", r => r.CpuMicrosPerMessage), Median("b", r => r.CpuMicrosPerMessage));
        var pairs = runs.Where(r => r.Mode == "b").Select(rb => rb.Run.MessagesPerSecond / runs.Single(ra => ra.Mode == "a" && ra.Index == rb.Index).Run.MessagesPerSecond);
        text.AppendLine(inv, $"| **median** | a | | **{rateA:N0}** | {cpuA:0.0} | | | |");
        text.AppendLine(inv, $"| **median** | b | | **{rateB:N0}** | {cpuB:0.0} | | | |");
        text.AppendLine();
        text.AppendLine(inv, $"Ratio b / a of the medians: **{rateB / rateA:0.00}** (per pair: {string.Join(", ", pairs.Select(p => p.ToString("0.00", inv)))}); engine CPU per message b / a: {cpuB / cpuA:0.00}. {options.Runs} runs of each.");
        return text.ToString();
    }
}

public sealed record MixedRun(double Seconds, double MessagesPerSecond, double CpuMicrosPerMessage, long Applied, long JourneysTaken, long Rejected, string Load);
