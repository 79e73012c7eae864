using StreamCx.Domain.Contracts;
using StreamCx.Engine.Telemetry;

namespace StreamCx.Host.Metrics;

/// <summary>Hands every engine report to several sinks (metrics and the event log).</summary>
public sealed class CompositeEngineTelemetry(params IEngineTelemetry[] sinks) : IEngineTelemetry
{
    public void ActorStarted(EngineActorKind kind)
    {
        foreach (var s in sinks) s.ActorStarted(kind);
    }

    public void ActorStopped(EngineActorKind kind)
    {
        foreach (var s in sinks) s.ActorStopped(kind);
    }

    public void AlertEmitted(Alert alert, long tippingEventConsumedAt)
    {
        foreach (var s in sinks) s.AlertEmitted(alert, tippingEventConsumedAt);
    }

    public void SnapshotSaved(TimeSpan duration)
    {
        foreach (var s in sinks) s.SnapshotSaved(duration);
    }

    public void SnapshotFailed(TimeSpan duration, Exception error)
    {
        foreach (var s in sinks) s.SnapshotFailed(duration, error);
    }
}
