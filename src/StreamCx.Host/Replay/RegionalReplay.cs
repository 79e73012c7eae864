using System.Collections.Concurrent;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.EventTime;
using StreamCx.Domain.Processing;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Social;

namespace StreamCx.Host.Replay;

/// <summary>
/// Replays events already in event-time order, one <see cref="FeedbackProcessor"/> per region, regions in parallel. A
/// region's state (its sites, their attribute monitors, its peer board and driver importance) depends only on its own
/// events, so each region sees exactly what a single processor would have shown it; the alerts are then put back in
/// event order. The output is the same as processing every event on one thread, whatever the scheduling. A region's
/// incidents go to its sites (for their alerts to cite) in event order among its events.
/// </summary>
/// <remarks>
/// Regions are few and of similar size (5 regions of 9-10 sites on 2 cores in the sample data): handing each worker
/// whole regions leaves one core idle for the last region (3 regions on one core, 2 on the other). Instead the workers
/// take turns: a worker takes the next region from a queue, processes a slice of its events, and puts it back at the
/// end of the queue, so every region advances at about the same pace and the cores stay busy until the last slices.
/// A region is only ever held by one worker at a time, and the queue hands it over with a memory barrier.
/// </remarks>
public static class RegionalReplay
{
    /// <summary>Events of one region processed per turn: tens of milliseconds of work, so taking turns costs nothing.</summary>
    private const int EventsPerTurn = 2048;

    public static (IReadOnlyList<Alert>[] AlertsByEvent, ProcessingCounters Counters) Run(
        IReadOnlyList<FeedbackEvent> events, ReferenceCatalog catalog, DetectionSettings settings, TimeProvider clock) =>
        Run(events, [], catalog, settings, clock);

    /// <param name="siteListening">The incidents and social mentions of a site (<see cref="FeedbackProcessor.IsForSite"/>), in event order.</param>
    /// <param name="social">The social settings (a site's alert is escalated when its mentions rise); null: their defaults.</param>
    public static (IReadOnlyList<Alert>[] AlertsByEvent, ProcessingCounters Counters) Run(
        IReadOnlyList<FeedbackEvent> events, IReadOnlyList<ListeningEvent> siteListening, ReferenceCatalog catalog, DetectionSettings settings, TimeProvider clock,
        SocialSettings? social = null)
    {
        var byRegion = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            var region = catalog.Site(events[i].SiteId).RegionId;
            if (!byRegion.TryGetValue(region, out var indices)) byRegion[region] = indices = [];
            indices.Add(i);
        }

        var alerts = new IReadOnlyList<Alert>[events.Count];
        var listeningByRegion = siteListening.GroupBy(i => catalog.Site(i.SiteId!).RegionId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var lanes = byRegion.OrderByDescending(l => l.Value.Count)
            .Select(l => new Lane(l.Value, listeningByRegion.GetValueOrDefault(l.Key) ?? [], new FeedbackProcessor(catalog, settings, clock, social))).ToList();
        var queue = new ConcurrentQueue<Lane>(lanes);
        void Work()
        {
            while (queue.TryDequeue(out var lane))
            {
                var end = Math.Min(lane.Next + EventsPerTurn, lane.Indices.Count);
                for (; lane.Next < end; lane.Next++)
                {
                    var i = lane.Indices[lane.Next];
                    for (; lane.NextListening < lane.Listening.Count && EventOrder.Compare(lane.Listening[lane.NextListening].OccurredAt, lane.Listening[lane.NextListening].EventId, events[i].OccurredAt, events[i].EventId) < 0; lane.NextListening++)
                        lane.Processor.AddToSite(lane.Listening[lane.NextListening]);
                    alerts[i] = lane.Processor.Process(events[i]);
                }
                if (lane.Next < lane.Indices.Count) queue.Enqueue(lane);
            }
        }

        var workers = Enumerable.Range(1, Math.Max(0, Math.Min(Environment.ProcessorCount, lanes.Count) - 1)).Select(_ => Task.Factory.StartNew(Work, TaskCreationOptions.LongRunning)).ToList();
        Work();
        Task.WaitAll(workers);

        var counters = new ProcessingCounters();
        foreach (var lane in lanes) counters.Add(lane.Processor.Counters);
        return (alerts, counters);
    }

    /// <summary>One region: its events (indices into the ordered events), its incidents and mentions, how far it got in each, and its processor.</summary>
    private sealed class Lane(List<int> indices, List<ListeningEvent> listening, FeedbackProcessor processor)
    {
        public List<int> Indices { get; } = indices;
        public List<ListeningEvent> Listening { get; } = listening;
        public int NextListening { get; set; }
        public FeedbackProcessor Processor { get; } = processor;
        public int Next { get; set; }
    }
}
