using Microsoft.Extensions.Diagnostics.HealthChecks;
using StreamCx.Host.Run;

namespace StreamCx.Host.Health;

/// <summary>Ready when the consumer is connected and holds at least one partition of the feedback topics.</summary>
public sealed class KafkaReadinessCheck(EngineStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var consumer = status.Consumer;
        var data = new Dictionary<string, object>
        {
            ["state"] = consumer?.State.ToString() ?? "not started",
            ["partitions"] = consumer?.AssignedPartitions.Count ?? 0,
        };
        if (status.ConsumerGroupState is { } group) data["group"] = group;
        if (consumer?.LastError is { } error) data["lastError"] = error.Reason;
        if (consumer?.UnreachableSince is { } since) data["unreachableSince"] = since;
        var result = status.IsReady
            ? HealthCheckResult.Healthy("partitions assigned", data)
            : HealthCheckResult.Unhealthy(consumer is null ? "consumer not started" : "no partition assigned or broker unreachable", data: data);
        return Task.FromResult(result);
    }
}
