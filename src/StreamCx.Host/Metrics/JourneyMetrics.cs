using Prometheus;
using StreamCx.Engine.Journeys;

namespace StreamCx.Host.Metrics;

/// <summary>
/// This engine's journeys (prometheus-net gauges read from the journeys actor's status at each scrape): those held by its
/// region-topic partitions, in memory or passivated on their shelves, and their messages waiting for the frontier.
/// </summary>
public static class JourneyMetrics
{
    public static void Register(CollectorRegistry registry, Func<CancellationToken, Task<JourneyStatus?>> status)
    {
        var f = Prometheus.Metrics.WithCustomRegistry(registry);
        var held = f.CreateGauge("streamcx_journeys_held", "Journeys held by this engine's partitions: in memory, or passivated on their partition's shelf (a local file)", "where");
        var waiting = f.CreateGauge("streamcx_journey_messages_held", "Journey messages taken in and held until the frontier of event time passes them");
        var dropped = f.CreateCounter("streamcx_journeys_dropped_total", "Journeys dropped after Journeys:Retention without events (by this engine's partitions since it holds them)");
        registry.AddBeforeCollectCallback(async ct =>
        {
            if (await status(ct).ConfigureAwait(false) is not { } s) return; // no journeys actor, or it did not answer in time: the last values stay
            held.WithLabels("memory").Set(s.Journeys - s.Passivated);
            held.WithLabels("shelf").Set(s.Passivated);
            waiting.Set(s.Held);
            dropped.IncTo(s.Dropped);
        });
    }
}
