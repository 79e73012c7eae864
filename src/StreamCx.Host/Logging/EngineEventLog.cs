using Microsoft.Extensions.Logging;
using StreamCx.Domain.Contracts;
using StreamCx.Engine.Telemetry;

namespace StreamCx.Host.Logging;

/// <summary>The engine's key events as log entries: alert emissions and snapshot failures.</summary>
public sealed class EngineEventLog(ILogger logger) : IEngineTelemetry
{
    public void ActorStarted(EngineActorKind kind)
    {
    }

    public void ActorStopped(EngineActorKind kind)
    {
    }

    public void AlertEmitted(Alert alert, long tippingEventConsumedAt) => logger.AlertEmitted(alert);

    public void SnapshotSaved(TimeSpan duration)
    {
    }

    public void SnapshotFailed(TimeSpan duration, Exception error) => logger.SnapshotFailed(error, duration.TotalMilliseconds);
}
