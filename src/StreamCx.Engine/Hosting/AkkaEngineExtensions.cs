using Akka.Hosting;
using Akka.Persistence;
using StreamCx.Domain.Channels;
using StreamCx.Domain.Complaints;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Journeys;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Social;
using StreamCx.Engine.Alerts;
using StreamCx.Engine.Durability;
using StreamCx.Engine.Grouping;
using StreamCx.Engine.Journeys;
using StreamCx.Engine.Listening;
using StreamCx.Engine.Sites;
using StreamCx.Engine.Telemetry;

namespace StreamCx.Engine.Hosting;

/// <summary>Composable Akka.Hosting wiring of the engine: the host and the tests use the same call.</summary>
public static class AkkaEngineExtensions
{
    /// <param name="durability">Snapshot settings, ledger and counters; null runs without snapshots.</param>
    /// <param name="journeys">The journeys' rules; null runs without the journeys actor.</param>
    /// <param name="complaints">The complaint surge test; null runs without the listening sources' actor (their messages are then only counted).</param>
    /// <param name="social">The social early warning (null: its defaults).</param>
    /// <param name="channels">Channels and touchpoints on shared indicators (null: their defaults).</param>
    /// <param name="network">
    /// Where the regions send what the network grouping needs (the network topic, read by the engine that runs it: a
    /// <see cref="NetworkGroupsActor"/> is registered for that reader); null: within this engine only.
    /// </param>
    public static AkkaConfigurationBuilder AddStreamCxEngine(
        this AkkaConfigurationBuilder builder, ReferenceCatalog catalog, DetectionSettings detection, EngineSettings engine, IAlertPublisher alerts,
        IEngineTelemetry? telemetry = null,
        (SnapshotSettings Settings, OffsetLedger Ledger, SnapshotCounters Counters)? durability = null,
        EventTimeProgress? progress = null, JourneySettings? journeys = null, ComplaintSettings? complaints = null, SocialSettings? social = null,
        ChannelSettings? channels = null, INetworkFeed? network = null)
    {
        if (durability is { Settings.Enabled: true } d) builder.WithSnapshotStore(d.Settings);
        return builder.WithActors((system, registry) =>
        {
            SiteDurability? siteDurability = durability is { Settings.Enabled: true } on
                ? new SiteDurability(on.Settings, Persistence.Instance.Apply(system).SnapshotStoreFor(null), on.Ledger, on.Counters)
                : null;
            // the network grouping, and with it the journey indicators' watch: the engine's feed (the network topic, read by the engine
            // that runs it: a network groups actor registered for that reader), or within this engine only, an actor fed directly
            INetworkFeed? feed = null;
            if (detection.NetworkGroups && network is not null)
            {
                feed = network;
                registry.Register<NetworkGroupsActor>(system.ActorOf(NetworkGroupsActor.Create(catalog, detection, alerts, telemetry ?? NoEngineTelemetry.Instance, siteDurability), "network-groups"));
            }
            else if (detection.NetworkGroups)
            {
                var local = system.ActorOf(NetworkGroupsActor.Create(catalog, detection, alerts, telemetry ?? NoEngineTelemetry.Instance), "network-groups");
                registry.Register<NetworkGroupsActor>(local);
                feed = new LocalNetworkFeed(local);
            }
            var journeysActor = journeys is null ? null : system.ActorOf(JourneysActor.Create(catalog, journeys, alerts, followsFrontier: true, siteDurability, readings: feed), "journeys");
            if (journeysActor is not null) registry.Register<JourneysActor>(journeysActor);
            var listeningActor = complaints is null ? null : system.ActorOf(ListeningActor.Create(catalog, complaints, alerts, social, siteDurability, channels), "listening");
            if (listeningActor is not null) registry.Register<ListeningActor>(listeningActor);
            var sites = system.ActorOf(SitesActor.Create(catalog, detection, alerts, engine.EventTime, telemetry, siteDurability, progress, journeysActor, listeningActor, social, feed,
                journeysGiveReadings: journeysActor is not null && feed is not null), "sites");
            registry.Register<SitesActor>(sites);
        });
    }
}
