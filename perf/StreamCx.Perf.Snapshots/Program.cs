using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Alerts;
using StreamCx.Engine.Durability;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Sites;

// Durable-state figures, in process (no Kafka): events go straight to the sites actor, as the pipeline sends them.
// 1. throughput with snapshots off, then on (SQLite or PostgreSQL), same events, same run;
// 2. snapshot write rate and bytes per site snapshot;
// 3. restart-to-resume: a new actor system restores every site (all its attribute actors) and answers.
// usage: StreamCx.Perf.Snapshots [sites=1000] [attributes=10] [events=200000] [sqlite-file | postgres-connection-string] [snapshot-every-events=100]
var sites = Arg(0, 1000);
var attributesPerSite = Arg(1, 10);
var events = Arg(2, 200_000);
var store = args.Length > 3 ? args[3] : Path.Combine(Path.GetTempPath(), $"streamcx-perf-{Guid.NewGuid():N}.db");
var snapshots = new SnapshotSettings
{
    Provider = store.Contains("Host=", StringComparison.Ordinal) ? "postgresql" : "sqlite",
    ConnectionString = store,
    EveryEvents = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 100,
    EveryInterval = TimeSpan.FromSeconds(5),
};
var catalog = new ReferenceCatalog(
    Enumerable.Range(0, sites).Select(i => new Site($"s{i}", $"Site {i}", $"r{i % 20}")),
    Enumerable.Range(0, attributesPerSite).Select(a => new AttributeDefinition($"a{a}", $"Attribute {a}", 1, 5, 2)));
var start = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
var rnd = new Random(1);
var feed = Enumerable.Range(0, events).Select(i => new FeedbackEvent(
    $"e{i}", start.AddSeconds(i * 86_400.0 / events), $"s{i % sites}", "store",
    Enumerable.Range(0, Math.Min(6, attributesPerSite)).Select(k => (i + k) % attributesPerSite).ToDictionary(a => $"a{a}", _ => (double)rnd.Next(3, 6)))).ToArray();

await Run(durable: false); // warm-up (JIT, thread pool), not reported
var off = await Run(durable: false);
var on = await Run(durable: true);
var restart = await Restart();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
    sites {sites} × attributes {attributesPerSite} = {sites * attributesPerSite} site-attribute actors, {events} events (6 ratings each), store {snapshots.Provider}
    throughput snapshots off: {off.Rate:0} events/s
    throughput snapshots on:  {on.Rate:0} events/s (ratio on/off {on.Rate / off.Rate:0.00}), every {snapshots.EveryEvents} events or {snapshots.EveryInterval.TotalSeconds} s per site
    snapshots written: {on.Counters!.Saved} in {on.Seconds:0.0} s ({on.Counters.Saved / on.Seconds:0} per s), failed {on.Counters.Failed}
    bytes per site snapshot: {on.Counters.BytesWritten / Math.Max(1, on.Counters.Saved):0} (≈ {on.Counters.BytesWritten / Math.Max(1, on.Counters.Saved) / attributesPerSite:0} per site-attribute actor)
    restart to resume (all {sites} sites restored with their {sites * attributesPerSite} attribute actors, answering): {restart:0.00} s
    """));

int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;

async Task<(double Rate, double Seconds, SnapshotCounters? Counters)> Run(bool durable)
{
    using var system = ActorSystem.Create("perf", Config(durable));
    var counters = new SnapshotCounters();
    var ledger = new OffsetLedger();
    var actor = system.ActorOf(SitesActor.Create(catalog, new DetectionSettings(), new AlertHub(TimeProvider.System), null, null,
        durable ? new SiteDurability(snapshots, Persistence.Instance.Apply(system).SnapshotStoreFor(null), ledger, counters) : null));
    var watch = Stopwatch.StartNew();
    var inFlight = new List<Task>(256);
    for (var i = 0; i < feed.Length; i++)
    {
        if (durable) ledger.Applied(feed[i].SiteId, new("feedback", 0, i));
        inFlight.Add(actor.Ask<FeedbackApplied>(new ApplyFeedback(feed[i], new SourcePosition("feedback", 0, i)), TimeSpan.FromSeconds(60)));
        if (inFlight.Count == 256) { await Task.WhenAll(inFlight); inFlight.Clear(); }
    }
    await Task.WhenAll(inFlight);
    var seconds = watch.Elapsed.TotalSeconds;
    if (durable) // let the last captures land, so the restart below has every site's snapshot
        while (ledger.Committable().Single().NextOffset < feed.Length) await Task.Delay(100);
    await system.Terminate();
    return (feed.Length / seconds, seconds, durable ? counters : null);
}

async Task<double> Restart()
{
    var watch = Stopwatch.StartNew();
    using var system = ActorSystem.Create("perf", Config(true));
    var actor = system.ActorOf(SitesActor.Create(catalog, new DetectionSettings(), new AlertHub(TimeProvider.System), null, null,
        new SiteDurability(snapshots, Persistence.Instance.Apply(system).SnapshotStoreFor(null), new OffsetLedger(), new SnapshotCounters())));
    var scores = await Task.WhenAll(catalog.Sites.Select(s => actor.Ask<SiteScores>(new GetSiteScores(s.SiteId), TimeSpan.FromSeconds(120))));
    var elapsed = watch.Elapsed.TotalSeconds;
    var restored = scores.Sum(s => s.Attributes.Values.Sum(t => t.Count));
    if (restored != feed.Sum(e => e.Ratings.Count)) throw new InvalidOperationException($"restored {restored} ratings, expected {feed.Sum(e => e.Ratings.Count)}");
    await system.Terminate();
    return elapsed;
}

Config Config(bool durable) =>
    (durable ? SnapshotStore.ConfigFor(snapshots) : ConfigurationFactory.Empty).WithFallback(ConfigurationFactory.ParseString("akka.loglevel = WARNING"));
