using System.Collections.Concurrent;
using System.Diagnostics;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.ReferenceData;
using StreamCx.Perf.Kafka;

namespace StreamCx.Perf.EndToEnd;

/// <summary>
/// Step 2: event-to-alert latency under a steady load. The engine (same graph as step 1) consumes 8 topics; after the
/// scenarios' evidence is in, a paced stream of realistic events (sample sites, event time = now) runs at the target
/// rate, and every 1/tip-rate s one tipping event goes into the same stream. Latency: from just before the tipping
/// event's <c>Produce</c> to the open alert for its site and attribute on the engine's AlertHub.
/// </summary>
public static class Latency
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    public static async Task<LatencyResult> MeasureAsync(Target target, Options options, double rate, string rateSource)
    {
        var sample = ReferenceDataLoader.Load(Workload.SitesFile, Workload.AttributesFile);
        var scenarios = new PeerScenarios(options.Alerts, sample.Attributes);
        var catalog = new ReferenceCatalog(sample.Sites.Concat(scenarios.Sites), sample.Attributes);
        var topics = Enumerable.Range(0, 8).Select(i => $"{$"e2e.latency.{Guid.NewGuid():N}"[..24]}.{i}").ToList();
        var partitions = SitePartitions.Create(target, topics, catalog.Sites.Select(s => s.SiteId));
        var kafka = target.For(topics, $"latency-{Guid.NewGuid():N}");
        if (options.FetchWaitMs is { } fetchWait)
        {
            kafka.Properties["fetch.wait.max.ms"] = fetchWait.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await using var engine = new InProcessEngine(kafka, catalog);
        var opened = new ConcurrentDictionary<(string Site, string Attribute), (DateTimeOffset RaisedAt, long At)>();
        long otherAlerts = 0;
        using var subscription = engine.Hub.Alerts.Subscribe(a =>
        {
            if (a.Status == AlertStatus.Open && PeerScenarios.IsScenarioSite(a.SiteId))
            {
                opened.TryAdd((a.SiteId, a.AttributeId), (a.RaisedAt, Stopwatch.GetTimestamp()));
            }
            else
            {
                Interlocked.Increment(ref otherAlerts);
            }
        });
        using var producer = Producers.Create(target.Settings, options.LingerMs);
        long failed = 0;
        void Failed() => Interlocked.Increment(ref failed);

        var evidence = scenarios.Evidence().ToList();
        Console.WriteLine($"[2] {target.Name}: {scenarios.Count} peer scenarios ({scenarios.Sites.Count} sites), {evidence.Count:N0} evidence events");
        for (var i = 0; i < evidence.Count; i++)
        {
            Producers.Produce(producer, partitions[evidence[i].Key], evidence[i].Key, evidence[i].Value, Failed);
        }

        producer.Flush(TimeSpan.FromMinutes(1));
        await WaitAsync(() => engine.Processed >= evidence.Count, TimeSpan.FromMinutes(3), () => $"evidence: {engine.Processed} of {evidence.Count} processed");
        await Task.Delay(TimeSpan.FromSeconds(3)); // regions publish their peer views once a second
        if (!opened.IsEmpty)
        {
            throw new InvalidOperationException("a scenario alert opened before its tipping event");
        }

        long before = evidence.Count;
        if (options.EffectiveSettleSeconds > 0)
        {
            // the broker (a JVM started with the run on these same 2 cores) and the engine compile their hot paths during the
            // first seconds of a new load: the same load without tips first, then measure from a caught-up engine
            Console.WriteLine($"[2] settling: {options.EffectiveSettleSeconds} s of the same paced load at {rate:N0} events/s without tipping events, then until the engine has caught up");
            var settle = new PacedLoad(producer, partitions, new FeedbackGenerator(sample, seed: 11, "settle"), scenarios, rate, options.TipRate, WarmUp, Failed);
            var settleTask = Task.Factory.StartNew(() => settle.RunWithoutTips(TimeSpan.FromSeconds(options.EffectiveSettleSeconds)), TaskCreationOptions.LongRunning);
            var (_, settleTimeline) = await SampleLagAsync(settleTask, () => before + settle.Produced - engine.Processed);
            Console.WriteLine($"[2] settling lag each second: {settleTimeline}");
            producer.Flush(TimeSpan.FromMinutes(1));
            before += settle.Produced;
            await WaitAsync(() => engine.Processed >= before, TimeSpan.FromMinutes(5), () => $"settling: {engine.Processed} of {before} processed");
        }

        Console.WriteLine($"[2] paced load at {rate:N0} events/s ({rateSource}), {options.TipRate} tipping events/s after {WarmUp.TotalSeconds} s, fetch.wait.max.ms {FetchWait(options)}");
        var load = new PacedLoad(producer, partitions, new FeedbackGenerator(sample, seed: 7, "bg"), scenarios, rate, options.TipRate, WarmUp, Failed);
        var loadTask = Task.Factory.StartNew(load.Run, TaskCreationOptions.LongRunning);
        var (maxLag, lagTimeline) = await SampleLagAsync(loadTask, () => before + load.Produced - engine.Processed);
        Console.WriteLine($"[2] lag each second (events produced, not yet processed): {lagTimeline}");

        await loadTask;
        var lagAtEnd = load.Produced + before - engine.Processed;
        Console.WriteLine($"[2] load done: {load.Produced:N0} events in {load.Seconds:0.0} s ({load.Produced / load.Seconds:N0}/s), lag at end {lagAtEnd:N0}, max lag {maxLag:N0}");
        producer.Flush(TimeSpan.FromMinutes(1));
        await WaitAsync(() => load.Tips.All(t => opened.ContainsKey((t.Site, t.Attribute))), TimeSpan.FromSeconds(30), () => "");
        return Summarise(target, options, rate, rateSource, load, opened, Interlocked.Read(ref failed), maxLag, lagAtEnd, Interlocked.Read(ref otherAlerts));
    }

    private static LatencyResult Summarise(
        Target target, Options options, double rate, string rateSource, PacedLoad load,
        ConcurrentDictionary<(string Site, string Attribute), (DateTimeOffset RaisedAt, long At)> opened, long failed, long maxLag, long lagAtEnd, long otherAlerts)
    {
        if (failed > 0)
        {
            throw new InvalidOperationException($"{failed} produce requests failed");
        }

        var latencies = new List<double>();
        int missed = 0, wrongTip = 0;
        foreach (var tip in load.Tips)
        {
            if (!opened.TryGetValue((tip.Site, tip.Attribute), out var alert))
            {
                missed++;
            }
            else if (alert.RaisedAt != tip.At)
            {
                wrongTip++;
            }
            else
            {
                latencies.Add(Stopwatch.GetElapsedTime(tip.SentAt, alert.At).TotalMilliseconds);
            }
        }

        latencies.Sort();
        Console.WriteLine($"[2] {latencies.Count} alerts: p50 {Stats.Percentile(latencies, 0.5):0.0} ms, p95 {Stats.Percentile(latencies, 0.95):0.0} ms, p99 {Stats.Percentile(latencies, 0.99):0.0} ms; missed {missed}, wrong tip {wrongTip}");
        return new LatencyResult(
            target.Name, FetchWait(options), options.LingerMs, rateSource, rate, load.Produced / load.Seconds, load.Seconds, load.Produced, load.Tips.Count, options.TipRate,
            latencies.Count, missed, wrongTip, maxLag, lagAtEnd, otherAlerts, Stats.Percentile(latencies, 0.5), Stats.Percentile(latencies, 0.95),
            Stats.Percentile(latencies, 0.99), latencies.Count > 0 ? latencies[^1] : double.NaN, latencies.Count > 0 ? latencies.Average() : double.NaN,
            "produce call of the tipping event (wall clock, harness process) to the open alert's publication on the engine's AlertHub")
        {
            SettleSeconds = options.EffectiveSettleSeconds,
        };
    }

    /// <summary>Samples the lag every 250 ms until <paramref name="load"/> ends: its maximum, and its value each second.</summary>
    private static async Task<(long Max, string Timeline)> SampleLagAsync(Task load, Func<long> lag)
    {
        long max = 0;
        var timeline = new List<string>();
        var sampled = Stopwatch.StartNew();
        while (!load.IsCompleted)
        {
            var now = lag();
            max = Math.Max(max, now);
            if (timeline.Count < sampled.Elapsed.TotalSeconds) timeline.Add($"{now / 1000.0:0.#}k");
            await Task.Delay(250);
        }

        return (max, string.Join(" ", timeline));
    }

    private static string FetchWait(Options options) => options.FetchWaitMs?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "500 (librdkafka default)";

    private static async Task WaitAsync(Func<bool> done, TimeSpan timeout, Func<string> what)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            if (clock.Elapsed > timeout)
            {
                var message = what();
                if (message.Length == 0)
                {
                    return;
                }

                throw new TimeoutException(message);
            }

            await Task.Delay(20);
        }
    }
}
