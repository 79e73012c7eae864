using Microsoft.Extensions.Diagnostics.HealthChecks;
using StreamCx.Engine.Durability;

namespace StreamCx.Host.Health;

/// <summary>Ready unless the latest snapshot attempt failed (the state store is unreachable); always ready with snapshots off.</summary>
public sealed class StateStoreReadinessCheck(SnapshotSettings settings, SnapshotCounters counters) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["provider"] = settings.Enabled ? settings.Provider : "off",
            ["saved"] = counters.Saved,
            ["failed"] = counters.Failed,
            ["unreadable"] = counters.Unreadable,
        };
        var result = !settings.Enabled || !counters.LastAttemptFailed
            ? HealthCheckResult.Healthy("state store reachable", data)
            : HealthCheckResult.Unhealthy("the latest snapshot failed: state store unreachable", data: data);
        return Task.FromResult(result);
    }
}
