using Akka.Actor;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Processing;
using StreamCx.Engine.Telemetry;

namespace StreamCx.Engine.Regions;

/// <summary>
/// One region (peer group): collects its sites' attribute reports in a <see cref="RegionBoard"/> and, at most once per
/// publish interval, pushes each changed attribute's view (peer values, driver importance) to every site.
/// </summary>
public sealed class PeerGroupActor : ReceiveActor, IWithTimers
{
    private sealed record PublishTick
    {
        public static readonly PublishTick Instance = new();
    }

    private readonly IEngineTelemetry _telemetry;

    public ITimerScheduler Timers { get; set; } = null!;

    public PeerGroupActor(string regionId, DetectionSettings settings, TimeSpan publishInterval, IEngineTelemetry telemetry)
    {
        _telemetry = telemetry;
        var board = new RegionBoard(regionId, settings);
        var sites = new Dictionary<string, IActorRef>(StringComparer.Ordinal);
        var dirty = new HashSet<string>(StringComparer.Ordinal);

        Receive<RegisterSite>(m => sites[m.SiteId] = m.Site);
        Receive<SiteAttributeReport>(m =>
        {
            board.Update(m.SiteId, m.AttributeId, m.Window, m.Pairs);
            dirty.Add(m.AttributeId);
            if (!Timers.IsTimerActive(PublishTick.Instance)) Timers.StartSingleTimer(PublishTick.Instance, PublishTick.Instance, publishInterval);
        });
        Receive<PublishTick>(_ =>
        {
            foreach (var attributeId in dirty)
            {
                var update = new RegionUpdate(board.Snapshot(attributeId));
                foreach (var site in sites.Values) site.Tell(update);
            }
            dirty.Clear();
        });
    }

    protected override void PreStart() => _telemetry.ActorStarted(EngineActorKind.Region);

    protected override void PostStop() => _telemetry.ActorStopped(EngineActorKind.Region);
}
