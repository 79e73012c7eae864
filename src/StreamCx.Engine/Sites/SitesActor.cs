using Akka.Actor;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Alerts;
using StreamCx.Engine.Durability;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Regions;
using StreamCx.Engine.Telemetry;

namespace StreamCx.Engine.Sites;

/// <summary>
/// Routes every <see cref="IWithSiteId"/> message to its site actor, creating sites (and their region actors) on
/// first use. Stands where a cluster-sharding region will stand when the engine scales out. When source partitions
/// are revoked or assigned (a rebalance), the sites that took events from them, and the sites only loaded by queries,
/// are stopped: their next owner, or this engine when the partition comes back, restores them from their snapshots
/// and re-applies what those do not cover.
/// </summary>
public sealed class SitesActor : ReceiveActor
{
    public SitesActor(
        ReferenceCatalog catalog, DetectionSettings settings, IAlertPublisher alerts, TimeSpan regionPublishInterval, IEngineTelemetry telemetry,
        SiteDurability? durability)
    {
        var sites = new Dictionary<string, IActorRef>(StringComparer.Ordinal);
        var regions = new Dictionary<string, IActorRef>(StringComparer.Ordinal);
        var partitionsOf = new Dictionary<string, HashSet<(string Topic, int Partition)>>(StringComparer.Ordinal);
        var created = 0L;

        Receive<SnapshotNow>(m =>
        {
            foreach (var site in sites.Values) site.Tell(m);
        });
        Receive<PartitionsReleased>(m =>
        {
            if (durability is null) return; // without snapshots a site's state cannot move: keep it
            var released = m.Partitions.ToHashSet();
            foreach (var (siteId, seen) in partitionsOf.Where(kv => kv.Value.Overlaps(released)).ToArray())
            {
                if (sites.Remove(siteId, out var stopped)) Context.Stop(stopped);
                partitionsOf.Remove(siteId);
            }
            // A site no partition fed here (loaded by a query, e.g. the live board) holds whatever snapshot it read then;
            // another engine may have moved it on since. It applied nothing itself: stop it, it reloads when next used.
            foreach (var siteId in sites.Keys.Where(id => !partitionsOf.ContainsKey(id)).ToArray())
            {
                if (sites.Remove(siteId, out var unfed)) Context.Stop(unfed);
            }
        });

        Receive<ApplyFeedbackBatch>(m =>
        {
            // split by site, keeping each site's events in their order; one message per site instead of one per event
            var bySite = new Dictionary<string, ApplySiteFeedback>(StringComparer.Ordinal);
            for (var i = 0; i < m.Events.Count; i++)
            {
                var e = m.Events[i];
                if (!bySite.TryGetValue(e.SiteId, out var part)) bySite[e.SiteId] = part = new ApplySiteFeedback(e.SiteId, [], m.Receipt);
                part.Events.Add((i, e));
            }
            foreach (var part in bySite.Values)
            {
                if (SiteFor(part.SiteId) is not { } siteActor)
                {
                    m.Receipt.Fail(UnknownSite(part.SiteId));
                    return;
                }
                foreach (var (_, e) in part.Events) Fed(part.SiteId, e.Position);
                siteActor.Tell(part);
            }
        });

        Receive<IWithSiteId>(m =>
        {
            if (SiteFor(m.SiteId) is not { } siteActor)
            {
                Sender.Tell(new Status.Failure(UnknownSite(m.SiteId)));
                return;
            }
            if (m is ApplyFeedback feedback) Fed(m.SiteId, feedback.Position);
            siteActor.Forward(m);
        });

        static ArgumentException UnknownSite(string siteId) => new($"site '{siteId}' is not in the site registry");

        IActorRef? SiteFor(string siteId)
        {
            if (!catalog.TryGetSite(siteId, out var site)) return null;
            if (!sites.TryGetValue(site.SiteId, out var siteActor))
            {
                var region = RegionFor(site.RegionId);
                siteActor = Context.ActorOf(Akka.Actor.Props.Create(() => new SiteActor(site, catalog, settings, region, alerts, telemetry, durability)), $"site-{created++}");
                sites[site.SiteId] = siteActor;
            }
            return siteActor;
        }

        // remembers which partitions fed a site, to hand it over when one of them is revoked
        void Fed(string siteId, SourcePosition? position)
        {
            if (position is null) return;
            if (!partitionsOf.TryGetValue(siteId, out var seen)) partitionsOf[siteId] = seen = [];
            seen.Add((position.Topic, position.Partition));
        }

        IActorRef RegionFor(string regionId)
        {
            if (!regions.TryGetValue(regionId, out var region))
                regions[regionId] = region = Context.ActorOf(Akka.Actor.Props.Create(() => new PeerGroupActor(regionId, settings, regionPublishInterval, telemetry)), $"region-{regions.Count}");
            return region;
        }
    }

    public static Props Create(
        ReferenceCatalog catalog, DetectionSettings settings, IAlertPublisher alerts, TimeSpan? regionPublishInterval = null, IEngineTelemetry? telemetry = null,
        SiteDurability? durability = null)
    {
        var interval = regionPublishInterval ?? TimeSpan.FromSeconds(1);
        var reporter = telemetry ?? NoEngineTelemetry.Instance;
        return Akka.Actor.Props.Create(() => new SitesActor(catalog, settings, alerts, interval, reporter, durability));
    }
}
