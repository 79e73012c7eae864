using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Prometheus;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Alerts;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Sites;
using StreamCx.Engine.Telemetry;
using StreamCx.Host.Metrics;
using StreamCx.Host.Metrics.Kafka;

// Cost of the metrics on the hot path, metrics on vs off in the same process: the ingestion stream of the engine
// (stamp → parse + validate → site actors → the per-message stage with PipelineCounters and IIngestionMetrics) fed
// from memory, so Kafka's own cost and variance stay out. "on" = IngestionMetrics + EngineMetrics (prometheus-net),
// "off" = NoIngestionMetrics + NoEngineTelemetry. Rounds alternate off/on/on/off (ABBA) after one warm-up round of
// each; every round starts fresh site actors. Each round reports wall-clock throughput and the process CPU time per
// event (less sensitive to other load on the machine). Then, isolated: the time of one IngestionMetrics.Observe call
// (the per-message metric work) over the results of a real round, and the time of one scrape (text exposition).
// usage: StreamCx.Perf.MetricsCost [events per round = 100000] [ABBA blocks = 3] [sites.json] [attributes.json]
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var blocks = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
var catalog = ReferenceDataLoader.Load(args.Length > 2 ? args[2] : "config/sites.json", args.Length > 3 ? args[3] : "config/attributes.json");
var settings = new DetectionSettings();
var parser = new FeedbackParser(catalog, new ParserLimits(), TimeProvider.System);

// the same events as perf/StreamCx.Perf.EventFile: 6 ratings and an NPS each, one every 2.6 s of event time
var rnd = new Random(1);
var start = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
var events = new RawFeedback[count];
for (var i = 0; i < count; i++)
{
    var ratings = catalog.Attributes.OrderBy(_ => rnd.Next()).Take(6)
        .ToDictionary(a => a.AttributeId, a => Math.Clamp(Math.Round(4.2 + ((rnd.NextDouble() - 0.5) * 2.4)), a.Min, a.Max));
    var json = JsonSerializer.SerializeToUtf8Bytes(new
    {
        eventId = $"e{i}",
        occurredAt = start.AddSeconds(i * 2.6).ToString("O", CultureInfo.InvariantCulture),
        siteId = catalog.Sites[rnd.Next(catalog.Sites.Count)].SiteId,
        channel = "store",
        nps = rnd.Next(0, 11),
        ratings,
    });
    events[i] = new RawFeedback(json, new SourcePosition("feedback", i % 4, i / 4));
}

using var system = ActorSystem.Create("metrics-cost", "akka.loglevel = WARNING");
var materializer = system.Materializer();
var round = 0;

List<PipelineResult>? keep = null;

async Task<(double EventsPerSecond, double CpuMicrosPerEvent, CollectorRegistry? Registry)> Run(bool metricsOn)
{
    var registry = metricsOn ? Prometheus.Metrics.NewCustomRegistry() : null;
    IIngestionMetrics ingestion = NoIngestionMetrics.Instance;
    IEngineTelemetry telemetry = NoEngineTelemetry.Instance;
    if (registry is not null)
    {
        var clients = new KafkaClientMetrics(registry);
        ingestion = new IngestionMetrics(registry, ["feedback"], new ChannelLabel(MetricsSettings.DefaultChannelLabels), new KafkaConsumerMetrics(registry, clients, TimeProvider.System));
        telemetry = new EngineMetrics(registry);
    }
    var sites = system.ActorOf(SitesActor.Create(catalog, settings, new AlertHub(TimeProvider.System), null, telemetry), $"sites-{round++}");
    var counters = new PipelineCounters();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    await Source.From(events)
        .Select(r => r with { ConsumedAt = Stopwatch.GetTimestamp() })
        .Via(FeedbackPipeline.Create(parser, sites, 64, TimeSpan.FromSeconds(60)))
        .SelectAsync(1, r =>
        {
            counters.Count(r);
            ingestion.Observe(r);
            keep?.Add(r);
            return Task.FromResult(r);
        })
        .RunWith(Sink.Ignore<PipelineResult>(), materializer);
    var seconds = clock.Elapsed.TotalSeconds;
    var cpuMicros = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds;
    if (counters.Applied + counters.Duplicates + counters.Rejected != count) throw new InvalidOperationException("not every event was processed");
    await sites.GracefulStop(TimeSpan.FromSeconds(30));
    return (count / seconds, cpuMicros / count, registry);
}

keep = new List<PipelineResult>(count);
await Run(metricsOn: false);
var results = keep;
keep = null;
await Run(metricsOn: true);
var off = new List<double>();
var on = new List<double>();
var cpuOff = new List<double>();
var cpuOn = new List<double>();
CollectorRegistry? lastRegistry = null;
for (var b = 0; b < blocks; b++)
{
    foreach (var metricsOn in new[] { false, true, true, false })
    {
        var (rate, cpuPerEvent, registry) = await Run(metricsOn);
        (metricsOn ? on : off).Add(rate);
        (metricsOn ? cpuOn : cpuOff).Add(cpuPerEvent);
        lastRegistry = registry ?? lastRegistry;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {off.Count + on.Count,2}: metrics {(metricsOn ? "on " : "off")} {rate,9:0} events/s, {cpuPerEvent,6:0.0} µs CPU/event"));
    }
}

var observeNanos = new List<double>();
for (var i = 0; i < 7; i++)
{
    var registry = Prometheus.Metrics.NewCustomRegistry();
    var metrics = new IngestionMetrics(registry, ["feedback"], new ChannelLabel(MetricsSettings.DefaultChannelLabels),
        new KafkaConsumerMetrics(registry, new KafkaClientMetrics(registry), TimeProvider.System));
    var clock = Stopwatch.StartNew();
    foreach (var r in results) metrics.Observe(r);
    observeNanos.Add(clock.Elapsed.TotalNanoseconds / results.Count);
}

var scrapes = new List<double>();
for (var i = 0; i < 20; i++)
{
    using var stream = new MemoryStream();
    var clock = Stopwatch.StartNew();
    await lastRegistry!.CollectAndExportAsTextAsync(stream);
    scrapes.Add(clock.Elapsed.TotalMilliseconds);
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

static string Percent(double on, double off) =>
    Math.Round((on - off) / off * 100, 1).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " %";

var medianOff = Median(off);
var medianOn = Median(on);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{count} events x {off.Count} rounds each: median metrics off {medianOff:0} events/s, on {medianOn:0} events/s, difference {Percent(medianOn, medianOff)} (range off {off.Min():0}-{off.Max():0}, on {on.Min():0}-{on.Max():0})"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"process CPU per event: median metrics off {Median(cpuOff):0.0} µs, on {Median(cpuOn):0.0} µs, difference {Percent(Median(cpuOn), Median(cpuOff))}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"IngestionMetrics.Observe alone: median {Median(observeNanos):0} ns per message over {results.Count} real results x {observeNanos.Count}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"one scrape of the engine's metrics (text exposition, in process): median {Median(scrapes):0.00} ms over {scrapes.Count}"));
