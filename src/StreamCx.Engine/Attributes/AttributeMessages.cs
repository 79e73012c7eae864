using StreamCx.Domain.Processing;
using StreamCx.Domain.Windows;

namespace StreamCx.Engine.Attributes;

/// <summary>
/// One rating for the attribute actor, with the lateness its site gave the event and the Stopwatch timestamp of the
/// event's consumption from Kafka (0 when unknown, for latency metrics). A value: ratings travel in an <see cref="ObserveBatch"/>.
/// </summary>
public readonly record struct Observe(AttributeObservation Observation, Lateness Lateness, long ConsumedAt = 0);

/// <summary>
/// The ratings a site took in for one attribute since its last message to it (one event, or a batch of events), in
/// order: applied and evaluated one by one, reported to the region once. One message per attribute and batch, not per rating.
/// </summary>
public sealed record ObserveBatch(Observe[] Observations);

/// <summary>Ask an attribute actor for its current <see cref="AttributeScore"/>.</summary>
public sealed record GetAttributeScore(SparklineSpec Sparkline)
{
    public static GetAttributeScore Default { get; } = new(SparklineSpec.Default);
}

/// <summary>Asks the attribute for its state, as part of a consistent capture of its site.</summary>
public sealed record CaptureState(long CaptureId);

/// <summary>The attribute's state at the capture.</summary>
public sealed record CapturedState(long CaptureId, string AttributeId, StreamCx.Domain.Snapshots.AttributeMonitorSnapshot State);
