using StreamCx.Domain.Contracts;

namespace StreamCx.Engine.Grouping;

/// <summary>A region published an emission of one of its groups (with when the event that tipped it was consumed).</summary>
public sealed record RegionGroupEmitted(Alert Alert, long ConsumedAt);

/// <summary>A region has applied every event up to <see cref="Through"/> (event time): its groups raised before are all out.</summary>
public sealed record RegionPassed(string RegionId, DateTimeOffset Through);

/// <summary>A region moved to another engine (its region-topic partition was revoked): it no longer holds the network's time.</summary>
public sealed record RegionLeft(string RegionId);
