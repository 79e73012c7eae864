using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Alerts;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Sites;

namespace StreamCx.Perf.EndToEnd;

/// <summary>
/// Step 3, in a child process of its own (so nothing of the other steps is resident): the sites actor over the generated
/// reference data, baseline measured; then every site gets a few events with 6 ratings each, rotating over the
/// attributes so that each site-attribute actor gets some; sent straight to the sites actor as the pipeline sends them
/// (no Kafka in this process); measured again once the regions have published. Writes its result as one JSON line.
/// </summary>
public static class MemoryChild
{
    public const string Verb = "memory-child";

    public static async Task<int> RunAsync(string[] args)
    {
        var (sitesFile, attributesFile, eventsPerSite) = (args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture));
        var catalog = ReferenceDataLoader.Load(sitesFile, attributesFile);
        using var system = ActorSystem.Create("memory", ConfigurationFactory.ParseString("akka.loglevel = WARNING"));
        using var hub = new AlertHub(TimeProvider.System);
        var sites = system.ActorOf(SitesActor.Create(catalog, new DetectionSettings(), hub), "sites");
        var feed = Feed(catalog, eventsPerSite);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var (baselineRss, baselineHeap) = ProcessMemory.Measure();

        var clock = Stopwatch.StartNew();
        var inFlight = new List<Task>(256);
        for (var i = 0; i < feed.Length; i++)
        {
            inFlight.Add(sites.Ask<FeedbackApplied>(new ApplyFeedback(feed[i], new SourcePosition("feedback", 0, i)), TimeSpan.FromSeconds(60)));
            if (inFlight.Count == 256)
            {
                await Task.WhenAll(inFlight);
                inFlight.Clear();
            }
        }

        await Task.WhenAll(inFlight);
        var feedSeconds = clock.Elapsed.TotalSeconds;
        feed = [];
        await Task.Delay(TimeSpan.FromSeconds(3)); // regions publish their peer views once a second
        var (rss, heap) = ProcessMemory.Measure();
        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);

        // Every site-attribute actor exists and holds its ratings (asked after the measurement).
        var scores = await Task.WhenAll(catalog.Sites.Select(s => sites.Ask<SiteScores>(new GetSiteScores(s.SiteId), TimeSpan.FromSeconds(120))));
        var attributes = scores.Sum(s => s.Attributes.Count(a => a.Value.Count > 0));
        var ratings = scores.Sum(s => s.Attributes.Values.Sum(t => t.Count));
        var actors = catalog.Sites.Count * catalog.Attributes.Count;
        if (attributes != actors)
        {
            throw new InvalidOperationException($"{attributes} site-attributes hold ratings, expected {actors}");
        }

        var result = new MemoryResult(
            GCSettings.IsServerGC ? "server" : "workstation", catalog.Sites.Count, catalog.Attributes.Count, eventsPerSite, actors, baselineRss, rss,
            baselineHeap, heap, info.HeapSizeBytes, info.TotalCommittedBytes, (double)(rss - baselineRss) / actors, (double)(heap - baselineHeap) / actors,
            ratings, feedSeconds);
        Console.WriteLine(JsonSerializer.Serialize(result));
        await system.Terminate();
        return 0;
    }

    private static FeedbackEvent[] Feed(ReferenceCatalog catalog, int eventsPerSite)
    {
        var rnd = new Random(3);
        var start = DateTimeOffset.UtcNow.AddHours(-2);
        var attributes = catalog.Attributes;
        var feed = new List<FeedbackEvent>(catalog.Sites.Count * eventsPerSite);
        for (var n = 0; n < eventsPerSite; n++)
        {
            for (var s = 0; s < catalog.Sites.Count; s++)
            {
                var ratings = Enumerable.Range(0, Math.Min(6, attributes.Count)).Select(k => attributes[((n * 6) + k) % attributes.Count])
                    .ToDictionary(a => a.AttributeId, _ => (double)rnd.Next(3, 6));
                feed.Add(new FeedbackEvent($"m{n}-{s}", start.AddMinutes(n * 10), catalog.Sites[s].SiteId, "store", ratings) { Nps = rnd.Next(0, 11) });
            }
        }

        return [.. feed];
    }
}
