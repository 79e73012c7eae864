using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prometheus;
using StreamCx.Engine.Sites;
using StreamCx.Engine.Telemetry;
using StreamCx.Host.Health;
using StreamCx.Host.Logging;
using StreamCx.Host.Metrics.Kafka;
using StreamCx.Kafka;

namespace StreamCx.Host.Metrics;

/// <summary>Wires health checks, metrics (when <see cref="MetricsSettings.Enabled"/>) and the engine's key-event log.</summary>
public static class ObservabilityRegistration
{
    /// <summary>Log category of alert and snapshot events.</summary>
    public const string EngineEventsCategory = "StreamCx.Engine.Events";

    private const string RuntimeMeter = "System.Runtime";

    public static IServiceCollection AddStreamCxObservability(this IServiceCollection services, MetricsSettings metrics, KafkaSettings kafka)
    {
        services.AddStreamCxHealth();
        if (!metrics.Enabled)
        {
            services.AddSingleton<IIngestionMetrics>(NoIngestionMetrics.Instance);
            services.AddSingleton<IEngineTelemetry>(sp => EventLog(sp));
            return services;
        }

        // .NET runtime metrics come from the System.Runtime meter; other meters (e.g. QUIC internals) stay out.
        Prometheus.Metrics.ConfigureMeterAdapter(o => o.InstrumentFilterPredicate = i => i.Meter.Name == RuntimeMeter);
        var registry = Prometheus.Metrics.DefaultRegistry;
        services.AddSingleton(metrics);
        services.AddSingleton(_ => new KafkaClientMetrics(registry));
        services.AddSingleton(sp => new KafkaConsumerMetrics(registry, sp.GetRequiredService<KafkaClientMetrics>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IIngestionMetrics>(sp => new IngestionMetrics(
            registry, kafka.Topics, new ChannelLabel(metrics.EffectiveChannelLabels), sp.GetRequiredService<KafkaConsumerMetrics>()));
        services.AddSingleton<IEngineTelemetry>(sp =>
        {
            EventTimeMetrics.Register(registry, sp.GetRequiredService<EventTimeProgress>());
            // the actor registry is resolved at each scrape: the actor system that holds it is built with this telemetry
            JourneyMetrics.Register(registry, ct => Web.Live.StatusAsk.AskAsync<StreamCx.Engine.Journeys.JourneysActor, StreamCx.Engine.Journeys.JourneyStatus>(
                sp.GetRequiredService<Akka.Hosting.ActorRegistry>(), StreamCx.Engine.Journeys.GetJourneyStatus.Instance, ct));
            return new CompositeEngineTelemetry(new EngineMetrics(registry), EventLog(sp));
        });
        services.AddSingleton(sp => new ProducerMetrics(registry, sp.GetRequiredService<KafkaClientMetrics>(), kafka));
        services.AddHostedService<ProducerMetricsBinder>();
        if (metrics.Port is not null) services.AddHostedService<SeparatePortMetricServer>();
        return services;
    }

    public static void MapStreamCxObservability(this WebApplication app, MetricsSettings metrics)
    {
        app.MapStreamCxHealth();
        if (metrics.Enabled && metrics.Port is null) app.MapMetrics(metrics.Path);
    }

    private static EngineEventLog EventLog(IServiceProvider sp) =>
        new(sp.GetRequiredService<ILoggerFactory>().CreateLogger(EngineEventsCategory));
}
