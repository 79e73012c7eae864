using static StreamCx.Perf.EndToEnd.Report;

namespace StreamCx.Perf.EndToEnd;

/// <summary>One markdown section per figure: how it was measured, its table, the issue's target.</summary>
public static class Sections
{
    public static void Sustained(Action<string> line, SustainedResult? s)
    {
        if (s is null)
        {
            return;
        }

        line("## 1. Sustained end-to-end throughput (target ≥ 100,000 events/s and ≥ 0.5 of the bare loop)");
        line("");
        line($"{N(s.Events)} realistic events (the 49 sample sites of `config/`, 5 to 7 of the 10 attributes rated + NPS, channel, touchpoint, "
            + $"customer id, a verbatim on a quarter; {s.AverageEventBytes} bytes on average; seed 42; event times over the last 24 h), key = siteId, "
            + $"produced once ({N(s.ProduceEventsPerSecond)} events/s) to {s.Topics} topics on the {s.Cluster}. Each run reads all of them in a new consumer "
            + "group, timed from the first record received to the last one: the **bare loop** (`IConsumer.Consume` in a loop with the engine's consumer "
            + "configuration, the ceiling) then the **engine** (the service's own `IngestionGraph` in process: consumer-group source → parse + validate → "
            + "site actor → attribute actors, offset stored per event) until every event is applied. Unreported warm-up first: one bare loop, then engine "
            + $"runs until one JIT-compiles at most 50 methods ({s.WarmUpRuns} here: tiered compilation keeps promoting hot methods for seconds); then alternating runs.");
        line("");
        line("| run | bare loop (records/s) | engine (events/s) | engine / bare | process CPU per engine event (µs) | JIT and GC during the engine run |");
        line("|---|---:|---:|---:|---:|---|");
        for (var i = 0; i < s.Runs.Count; i++)
        {
            line($"| {i + 1} | {N(s.Runs[i].BareRecordsPerSecond)} | {N(s.Runs[i].EngineEventsPerSecond)} | {F(s.Runs[i].Ratio, "0.000")} | {F(s.Runs[i].EngineCpuMicrosPerEvent, "0.0")} | {s.Runs[i].EngineRuntime} |");
        }

        line($"| **median** | **{N(s.MedianBareRecordsPerSecond)}** | **{N(s.MedianEngineEventsPerSecond)}** | **{F(s.MedianRatio, "0.000")}** | {F(Stats.Median(s.Runs.Select(r => r.EngineCpuMicrosPerEvent)), "0.0")} | |");
        line($"| target | | ≥ 100,000 | ≥ 0.5 | | |");
        line("");
        line($"Each site's events go to one partition (as a producer keyed by siteId), so they reach the engine in event-time order: events applied "
            + $"late per run {string.Join(", ", s.Runs.Select(r => N(r.Late)))}; too late for any window (counted in totals only, a cheaper path) "
            + $"{string.Join(", ", s.Runs.Select(r => N(r.TooLate)))}.");
        line("");
    }

    public static void Latency(Action<string> line, IReadOnlyList<LatencyResult> results)
    {
        if (results.Count == 0)
        {
            return;
        }

        var l = results[0];
        line("## 2. Event-to-alert latency under steady load (target p99 ≤ 500 ms at half max throughput)");
        line("");
        line($"On the {l.Cluster}, the engine (same graph, a new one per row) consumes 8 topics. First the evidence of {l.Scenarios} peer-alert scenarios (as "
            + "`StreamCx.Perf.AlertLatency`: regions of six sites, five peers rated 4-5, one site rated 3, one response short of the minimum "
            + "sample), then a paced stream of realistic events (sample sites, event time = now, each site to its partition) at the rate of the row, "
            + (l.SettleSeconds > 0
                ? $"produced from the harness process, first for {l.SettleSeconds} s without tipping events (the broker's JVM, started for this run on the same cores, and the engine compile their hot paths meanwhile; then the engine catches up), then measured: after 3 s,"
                : "produced from the harness process; after 3 s,")
            + $" one tipping event every {F(1000.0 / l.TipsPerSecond, "0")} ms goes into the same stream. "
            + $"Latency is measured from the **{l.MeasuredFrom}**; the harness checks each alert was raised by that very event. "
            + $"Consumer `fetch.wait.max.ms` = **{l.FetchWaitMaxMs}** (on the mock cluster a fetch is held for the whole wait even when data arrives, see "
            + $"`core-engine.md`); producer `linger.ms` = {l.ProducerLingerMs}. The first row is the issue's load (half the sustained rate).");
        line("");
        line("| load | rate achieved (events/s) | alerts | p50 | p95 | p99 | max | mean | missed | max lag (events) | lag at end | target p99 |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var x in results)
        {
            line($"| {N(x.TargetEventsPerSecond)} events/s ({x.RateSource}) | {N(x.AchievedEventsPerSecond)} | {x.Alerts} | {F(x.P50Ms, "0.0")} ms | {F(x.P95Ms, "0.0")} ms "
                + $"| **{F(x.P99Ms, "0.0")} ms** | {F(x.MaxMs, "0.0")} ms | {F(x.MeanMs, "0.0")} ms | {x.Missed + x.WrongTip} | {N(x.MaxLag)} | {N(x.LagAtEnd)} | ≤ 500 ms |");
        }

        line("");
        line("Lag = events produced − events processed by the engine, sampled every 250 ms during the load; a lag that grows to the end means the engine "
            + "did not keep up with that rate (the producer, the mock cluster and the engine share the machine), and the latency then includes the backlog. "
            + $"The first row produced {N(l.EventsProduced)} events in {F(l.LoadSeconds, "0.0")} s. Other alert emissions (sample sites, updates) are not timed.");
        line("");
    }

    public static void Memory(Action<string> line, IReadOnlyList<MemoryResult> memory, Options options)
    {
        if (memory.Count == 0)
        {
            return;
        }

        var first = memory[0];
        line($"## 3. Memory of {N(first.Actors)} site-attribute actors (target ≤ 1 GiB RSS)");
        line("");
        line($"Generated reference data ({N(first.Sites)} sites in regions of {ReferenceFiles.SitesPerRegion}, {first.Attributes} attributes on 1-5; the formats of "
            + $"`config/`), in a child process of its own: the sites actor, baseline measured; then {first.EventsPerSite} events per site with 6 ratings + NPS "
            + "each, rotating over the attributes so that every site-attribute actor gets some, sent straight to the sites actor as the pipeline sends them "
            + "(no Kafka in that process); measured 3 s later (regions published). RSS = VmRSS after three full blocking compacting collections; heap = live "
            + $"managed bytes. Per actor = delta over the baseline / {N(first.Actors)} (so it includes the site actors, regions and each site's intake state). "
            + "Every site-attribute actor is checked to hold its ratings after the measurement.");
        line("");
        line("| GC | baseline RSS | RSS | RSS per actor | managed heap | heap per actor | GC heap size / committed | target |");
        line("|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var mm in memory)
        {
            line($"| {mm.Gc}{(mm.Gc == "server" ? " (as the service)" : "")} | {Mib(mm.BaselineRssBytes)} | **{Mib(mm.RssBytes)}** | **{N(mm.RssBytesPerActor)} B** "
                + $"| {Mib(mm.HeapBytes)} | {N(mm.HeapBytesPerActor)} B | {Mib(mm.GcHeapSizeBytes)} / {Mib(mm.GcCommittedBytes)} | ≤ 1 GiB RSS |");
        }

        line("");
        line($"Feeding the {N(first.Sites * first.EventsPerSite)} events took {F(first.FeedSeconds, "0.0")} s (server GC run); `--memory-sites {options.MemorySites} "
            + $"--memory-attributes {options.MemoryAttributes} --memory-events-per-site {options.MemoryEventsPerSite}`.");
        line("");
    }

    public static void Replay(Action<string> line, ReplayResult? r)
    {
        if (r is null)
        {
            return;
        }

        line("## 4. `replay` throughput (target ≥ 300,000 events/s)");
        line("");
        line($"The events of step 1 ({N(r.Events)}) as a JSON-lines file, then `dotnet src/StreamCx.Host/bin/Release/net10.0/streamcx.dll replay --input F "
            + "--output G --sites config/sites.json --attributes config/attributes.json` as a child process. Wall clock = process start to exit "
            + "(runtime start, JIT, read, sort, process, write); reported = the rate `replay` prints itself (read to last alert written).");
        line("");
        line("| run | wall clock | events/s (wall clock) | events/s (reported by replay) |");
        line("|---|---:|---:|---:|");
        for (var i = 0; i < r.Runs.Count; i++)
        {
            line($"| {i + 1} | {F(r.Runs[i].WallSeconds, "0.00")} s | {N(r.Runs[i].WallEventsPerSecond)} | {N(r.Runs[i].ReportedEventsPerSecond)} |");
        }

        line($"| **median** | | **{N(r.MedianWallEventsPerSecond)}** | **{N(r.MedianReportedEventsPerSecond)}** |");
        line("| target | | ≥ 300,000 | |");
        line("");
        line($"{N(r.Alerts)} alert emissions written per run.");
        line("");
    }

    private static string Mib(long bytes) => $"{F(bytes / 1048576.0, "0")} MiB";
}
