using Prometheus;
using StreamCx.Engine.Sites;

namespace StreamCx.Host.Metrics;

/// <summary>Where event time stands (prometheus-net gauges read from <see cref="EventTimeProgress"/> at each scrape).</summary>
public static class EventTimeMetrics
{
    public static void Register(CollectorRegistry registry, EventTimeProgress progress)
    {
        var f = Prometheus.Metrics.WithCustomRegistry(registry);
        var frontier = f.CreateGauge("streamcx_event_time_frontier_timestamp_seconds",
            "The frontier of event time (Unix seconds): every event at or before it has been applied; the minimum over the source partitions that hold event time back");
        var held = f.CreateGauge("streamcx_events_held", "Events taken in and held until the frontier of event time passes them (then applied in event order)");
        var early = f.CreateCounter("streamcx_events_early_total", "Events far ahead of their partition's time (a wrong clock, an early message), held without moving event time");
        var behind = f.CreateCounter("streamcx_events_behind_frontier_total",
            "Events that came behind the frontier of event time (events after them were already applied) and were applied at once, against what their region knew then: where live processing can differ from replay");
        registry.AddBeforeCollectCallback(() =>
        {
            if (progress.Frontier is { } at) frontier.Set(at.ToUnixTimeMilliseconds() / 1000.0);
            held.Set(progress.Held);
            early.IncTo(progress.Early);
            behind.IncTo(progress.BehindFrontier);
        });
    }
}
