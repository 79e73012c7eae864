using System.Collections.Concurrent;
using StreamCx.Domain.Contracts;
using StreamCx.Engine.Telemetry;

namespace StreamCx.Engine.Tests.Telemetry;

/// <summary>Keeps what the engine reported, for assertions.</summary>
public sealed class RecordingTelemetry : IEngineTelemetry
{
    private readonly ConcurrentDictionary<EngineActorKind, int> _active = new();

    public ConcurrentQueue<(Alert Alert, long ConsumedAt)> Alerts { get; } = new();

    public int Active(EngineActorKind kind) => _active.GetValueOrDefault(kind);

    public void ActorStarted(EngineActorKind kind) => _active.AddOrUpdate(kind, 1, (_, n) => n + 1);

    public void ActorStopped(EngineActorKind kind) => _active.AddOrUpdate(kind, -1, (_, n) => n - 1);

    public void AlertEmitted(Alert alert, long tippingEventConsumedAt) => Alerts.Enqueue((alert, tippingEventConsumedAt));

    public void SnapshotSaved(TimeSpan duration)
    {
    }

    public void SnapshotFailed(TimeSpan duration, Exception error)
    {
    }
}
