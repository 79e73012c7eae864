using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Alerts;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Sites;
using StreamCx.Kafka;

// Wall-clock delay from producing the event that tips an alert to Kafka, to the alert's publication on the
// AlertHub, through the real path: librdkafka mock cluster → consumer-group source (with end-of-partition markers, as
// the engine runs it) → parse → router and its frontier of event time → region actor → alert policy. One region per
// sample: five peers rated 4-5, one site rated 3; the alert tips on that site's 30th response (the minimum evidence),
// produced one event at a time: the topic's other partitions are idle (read to their end) meanwhile, so this is the
// steady state with quiet partitions that must not delay the alert.
//
// With --engine, the same through the real engine process and the real broker (EngineLatency.cs):
//   dotnet run -c Release --project perf/StreamCx.Perf.AlertLatency -- --engine [regions] [output]
if (args.Length > 0 && args[0] == "--engine")
{
    var engineReport = await StreamCx.Perf.AlertLatency.EngineLatency.RunAsync(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 40, new DetectionSettings().MinPeerSampleSize);
    Console.WriteLine(engineReport);
    if (args.Length > 2) await File.WriteAllTextAsync(args[2], engineReport + Environment.NewLine);
    return;
}

var regions = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 40;
var fetchWaitMs = args.Length > 1 ? args[1] : "500"; // librdkafka's default fetch.wait.max.ms is 500
var output = args.Length > 2 ? args[2] : null;
const string Topic = "feedback";
var catalog = new ReferenceCatalog(
    Enumerable.Range(0, regions).SelectMany(r => Enumerable.Range(0, 6).Select(s => new Site($"r{r}-s{s}", $"Site {r}-{s}", $"r{r}"))),
    [new AttributeDefinition("waiting-time", "Waiting time", 1, 5, 2)]);
var settings = new DetectionSettings();

using var cluster = new EmbeddedKafkaCluster();
var kafka = new KafkaSettings { Topics = { Topic }, GroupId = "latency", Properties = { ["linger.ms"] = "0", ["fetch.wait.max.ms"] = fetchWaitMs } }.WithBootstrapServers(cluster.BootstrapServers);
cluster.EnsureTopics([Topic]);
using var system = ActorSystem.Create("latency", "akka.loglevel = WARNING");
var hub = new AlertHub(TimeProvider.System);
var clock = Stopwatch.StartNew();
var opened = new ConcurrentDictionary<string, (DateTimeOffset RaisedAt, double At)>();
hub.Alerts.Subscribe(a => { if (a.Status == AlertStatus.Open) opened.TryAdd(a.SiteId, (a.RaisedAt, clock.Elapsed.TotalMilliseconds)); });
var sites = system.ActorOf(SitesActor.Create(catalog, settings, hub), "sites");
var parser = new FeedbackParser(catalog, new ParserLimits(), TimeProvider.System);
long applied = 0;
var (control, _) = KafkaRecordSource.Create(kafka, endOfPartitionMarkers: true)
    .Select(r => new RawFeedback(r.Value, new SourcePosition(r.Topic, r.Partition, r.Offset)) { EndOfPartition = r.EndOfPartition })
    .Via(FeedbackPipeline.Create(parser, sites, 64, TimeSpan.FromSeconds(30)))
    .ToMaterialized(Sink.ForEach<PipelineResult>(_ => Interlocked.Increment(ref applied)), Keep.Both)
    .Run(system.Materializer());

using var producer = new ProducerBuilder<string, byte[]>(KafkaClientConfigFactory.CreateProducerConfig(kafka)).Build();
var now = DateTimeOffset.UtcNow;
var sequence = 0;
byte[] Event(string site, DateTimeOffset at, int rating) => Encoding.UTF8.GetBytes(
    $$$"""{"eventId":"e{{{++sequence}}}","occurredAt":"{{{at:O}}}","siteId":"{{{site}}}","channel":"store","ratings":{"waiting-time":{{{rating}}}}}""");

// Evidence before the measurement: 40 responses per peer, 29 for the low site (one short of the minimum).
long produced = 0;
for (var r = 0; r < regions; r++)
{
    for (var s = 1; s < 6; s++)
        for (var i = 0; i < 40; i++, produced++)
            producer.Produce(Topic, new Message<string, byte[]> { Key = $"r{r}-s{s}", Value = Event($"r{r}-s{s}", now.AddHours(-6).AddMinutes(i * 8), 4 + (i % 2)) });
    for (var i = 0; i < settings.MinPeerSampleSize - 1; i++, produced++)
        producer.Produce(Topic, new Message<string, byte[]> { Key = $"r{r}-s0", Value = Event($"r{r}-s0", now.AddHours(-6).AddMinutes(i * 8), 3) });
}
producer.Flush(TimeSpan.FromSeconds(30));
while (Interlocked.Read(ref applied) < produced) await Task.Delay(50);
await Task.Delay(TimeSpan.FromSeconds(2)); // every partition read to its end
if (!opened.IsEmpty) throw new InvalidOperationException("an alert opened before the tipping events");

// Measurement: per region, the tipping event, produced alone; wait for its alert before the next one.
var latencies = new List<double>();
for (var r = 0; r < regions; r++)
{
    var site = $"r{r}-s0";
    var at = now.AddMinutes(-1);
    var sentAt = clock.Elapsed.TotalMilliseconds;
    await producer.ProduceAsync(Topic, new Message<string, byte[]> { Key = site, Value = Event(site, at, 3) });
    var deadline = clock.Elapsed + TimeSpan.FromSeconds(10);
    while (!opened.ContainsKey(site) && clock.Elapsed < deadline) await Task.Delay(1);
    if (!opened.TryGetValue(site, out var alert)) throw new InvalidOperationException($"no alert for {site}");
    if (alert.RaisedAt != at) throw new InvalidOperationException($"{site}: the alert was not tipped by the measured event");
    latencies.Add(alert.At - sentAt);
}
await control.StopAsync();

latencies.Sort();
double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
var report = string.Create(CultureInfo.InvariantCulture,
    $"fetch.wait.max.ms={fetchWaitMs}: produce → alert published (ms), {latencies.Count} samples: p50 {P(0.5):0.0}, p95 {P(0.95):0.0}, max {latencies[^1]:0.0}, mean {latencies.Average():0.0}");
Console.WriteLine(report);
if (output is not null) await File.WriteAllTextAsync(output, report + Environment.NewLine);
