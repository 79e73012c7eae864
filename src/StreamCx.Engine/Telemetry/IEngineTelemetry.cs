using StreamCx.Domain.Contracts;

namespace StreamCx.Engine.Telemetry;

/// <summary>
/// What the engine's actors report to their host for metrics and key log events. The host implements it
/// (prometheus-net, logging); the engine and the domain stay free of any metrics library. Calls come from many
/// actor threads at once: implementations must be thread-safe and cheap.
/// </summary>
public interface IEngineTelemetry
{
    /// <summary>An actor of the given kind started.</summary>
    void ActorStarted(EngineActorKind kind);

    /// <summary>An actor of the given kind stopped.</summary>
    void ActorStopped(EngineActorKind kind);

    /// <summary>
    /// An alert emission is about to be published. <paramref name="tippingEventConsumedAt"/> is the
    /// <see cref="System.Diagnostics.Stopwatch"/> timestamp at which the event that tipped it was taken from Kafka
    /// (0 when unknown).
    /// </summary>
    void AlertEmitted(Alert alert, long tippingEventConsumedAt);

    /// <summary>A state snapshot was saved (for the durable-state work).</summary>
    void SnapshotSaved(TimeSpan duration);

    /// <summary>Saving a state snapshot failed (for the durable-state work).</summary>
    void SnapshotFailed(TimeSpan duration, Exception error);
}

/// <summary>The kinds of long-lived actors the engine keeps per entity.</summary>
public enum EngineActorKind
{
    Site,
    Attribute,
    Region,
}
