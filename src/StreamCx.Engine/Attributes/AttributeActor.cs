using Akka.Actor;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Processing;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Snapshots;
using StreamCx.Domain.Windows;
using StreamCx.Engine.Alerts;
using StreamCx.Engine.Regions;
using StreamCx.Engine.Telemetry;

namespace StreamCx.Engine.Attributes;

/// <summary>
/// Hosts the <see cref="AttributeMonitor"/> of one site-attribute: applies observations, reports its window to the
/// region, and re-evaluates the factors on every observation and on every new view of its peers.
/// </summary>
public sealed class AttributeActor : ReceiveActor
{
    private readonly IEngineTelemetry _telemetry;

    public AttributeActor(
        Site site, AttributeDefinition attribute, DetectionSettings settings, IActorRef region, IAlertPublisher alerts, IEngineTelemetry telemetry,
        AttributeMonitorSnapshot? restored = null)
    {
        _telemetry = telemetry;
        var monitor = new AttributeMonitor(site, attribute, settings);
        if (restored is not null) monitor.Restore(restored);
        // the region's latest view, as this site's peers' means in ascending order: they only change with a new view,
        // so they are collected (and sorted, which the peer comparison then skips) once per view, not per evaluation
        var peerValues = new List<double>(0);
        ImportanceFactor? importance = null;
        long lastConsumedAt = 0; // the latest applied event: the one that tips an alert on this evaluation

        void Evaluate()
        {
            var alert = monitor.Evaluate(peerValues, importance, alerts.Clock);
            if (alert is null) return;
            telemetry.AlertEmitted(alert, lastConsumedAt);
            alerts.Publish(alert);
        }

        bool Apply(in Observe m)
        {
            monitor.Apply(m.Observation, m.Lateness);
            if (m.Lateness == Lateness.TooLate) return false;
            lastConsumedAt = m.ConsumedAt;
            Evaluate();
            return true;
        }

        void Report() => region.Tell(new SiteAttributeReport(site.SiteId, attribute.AttributeId, monitor.PeerWindowStats, monitor.NpsPairs));

        Receive<ObserveBatch>(m =>
        {
            var changed = false;
            foreach (var observe in m.Observations) changed |= Apply(in observe);
            if (changed) Report(); // the region keeps only the latest window and pair sums of a site-attribute
        });
        Receive<CaptureState>(m => Sender.Tell(new CapturedState(m.CaptureId, attribute.AttributeId, monitor.ToSnapshot())));
        Receive<GetAttributeScore>(m => Sender.Tell(monitor.Score(m.Sparkline)));
        Receive<RegionUpdate>(m =>
        {
            m.Snapshot.PeersOf(site.SiteId, settings.MinPeerSampleSize, peerValues);
            importance = m.Snapshot.Importance;
            Evaluate();
        });
    }

    protected override void PreStart() => _telemetry.ActorStarted(EngineActorKind.Attribute);

    protected override void PostStop() => _telemetry.ActorStopped(EngineActorKind.Attribute);
}
