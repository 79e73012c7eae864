using StreamCx.Domain.Contracts;

namespace StreamCx.Engine.Telemetry;

/// <summary>Reports nothing: the default when the host wires no telemetry (tests, benchmarks with metrics off).</summary>
public sealed class NoEngineTelemetry : IEngineTelemetry
{
    public static readonly NoEngineTelemetry Instance = new();

    private NoEngineTelemetry()
    {
    }

    public void ActorStarted(EngineActorKind kind)
    {
    }

    public void ActorStopped(EngineActorKind kind)
    {
    }

    public void AlertEmitted(Alert alert, long tippingEventConsumedAt)
    {
    }

    public void SnapshotSaved(TimeSpan duration)
    {
    }

    public void SnapshotFailed(TimeSpan duration, Exception error)
    {
    }
}
