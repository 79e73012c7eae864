using Akka.Actor;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Grouping;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Alerts;
using StreamCx.Engine.Telemetry;

namespace StreamCx.Engine.Grouping;

/// <summary>
/// The engine's network grouping: its regions hand it their groups' emissions and, after each step, the event time they
/// have applied through; it passes the groups to the <see cref="NetworkGrouper"/> (through <see cref="NetworkGrouping"/>)
/// once every region of the engine has passed them, in the order replay takes them, and publishes the network groups.
/// A region that moved to another engine no longer holds it back.
/// </summary>
public sealed class NetworkGroupsActor : ReceiveActor
{
    private readonly NetworkGrouping _grouping;
    private readonly Dictionary<string, DateTimeOffset> _passed = new(StringComparer.Ordinal);

    public NetworkGroupsActor(ReferenceCatalog catalog, DetectionSettings settings, IAlertPublisher alerts, IEngineTelemetry telemetry)
    {
        _grouping = new NetworkGrouping(new NetworkGrouper(catalog, settings));
        void Release()
        {
            if (_grouping.Held == 0 || _passed.Count == 0) return;
            foreach (var (_, consumedAt, emitted) in _grouping.Release(_passed.Values.Min()))
            {
                telemetry.AlertEmitted(emitted, consumedAt);
                alerts.Publish(emitted);
            }
        }
        Receive<RegionGroupEmitted>(m =>
        {
            _grouping.Take(m.Alert, m.ConsumedAt);
            Release(); // one behind the regions' time (a late event's) goes at once
        });
        Receive<RegionPassed>(m =>
        {
            _passed[m.RegionId] = m.Through;
            Release();
        });
        Receive<RegionLeft>(m =>
        {
            _passed.Remove(m.RegionId);
            Release();
        });
    }

    public static Props Create(ReferenceCatalog catalog, DetectionSettings settings, IAlertPublisher alerts, IEngineTelemetry telemetry) =>
        Props.Create(() => new NetworkGroupsActor(catalog, settings, alerts, telemetry));
}
