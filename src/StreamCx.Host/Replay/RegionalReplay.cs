using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Processing;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Host.Replay;

/// <summary>
/// Replays events already in event-time order, one <see cref="FeedbackProcessor"/> per region, regions in parallel. A
/// region's state (its sites, their attribute monitors, its peer board and driver importance) depends only on its own
/// events, so each region sees exactly what a single processor would have shown it; the alerts are then put back in
/// event order. The output is the same as processing every event on one thread, whatever the scheduling.
/// </summary>
public static class RegionalReplay
{
    public static (IReadOnlyList<Alert>[] AlertsByEvent, ProcessingCounters Counters) Run(
        IReadOnlyList<FeedbackEvent> events, ReferenceCatalog catalog, DetectionSettings settings, TimeProvider clock)
    {
        var byRegion = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            var region = catalog.Site(events[i].SiteId).RegionId;
            if (!byRegion.TryGetValue(region, out var indices)) byRegion[region] = indices = [];
            indices.Add(i);
        }

        var alerts = new IReadOnlyList<Alert>[events.Count];
        var processors = byRegion.Values.OrderByDescending(l => l.Count).Select(l => (Indices: l, Processor: new FeedbackProcessor(catalog, settings, clock))).ToList();
        Parallel.ForEach(processors, lane =>
        {
            foreach (var i in lane.Indices) alerts[i] = lane.Processor.Process(events[i]);
        });

        var counters = new ProcessingCounters();
        foreach (var (_, processor) in processors) counters.Add(processor.Counters);
        return (alerts, counters);
    }
}
