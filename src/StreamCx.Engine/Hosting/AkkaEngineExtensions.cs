using Akka.Hosting;
using StreamCx.Domain.Detection;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Alerts;
using StreamCx.Engine.Sites;
using StreamCx.Engine.Telemetry;

namespace StreamCx.Engine.Hosting;

/// <summary>Composable Akka.Hosting wiring of the engine: the host and the tests use the same call.</summary>
public static class AkkaEngineExtensions
{
    public static AkkaConfigurationBuilder AddStreamCxEngine(
        this AkkaConfigurationBuilder builder, ReferenceCatalog catalog, DetectionSettings detection, EngineSettings engine, IAlertPublisher alerts,
        IEngineTelemetry? telemetry = null) =>
        builder.WithActors((system, registry) =>
        {
            var sites = system.ActorOf(SitesActor.Create(catalog, detection, alerts, engine.RegionPublishInterval, telemetry), "sites");
            registry.Register<SitesActor>(sites);
        });
}
