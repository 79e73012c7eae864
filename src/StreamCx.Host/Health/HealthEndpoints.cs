using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace StreamCx.Host.Health;

/// <summary>
/// <c>/health/live</c> (the process serves requests: no check) and <c>/health/ready</c> (every check tagged
/// <see cref="ReadyTag"/>: Kafka partitions assigned; the state store's check joins it with the durable-state work).
/// 200 when healthy, 503 otherwise, with a JSON body naming each check.
/// </summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddStreamCxHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<KafkaReadinessCheck>("kafka", tags: [ReadyTag])
            .AddCheck<StateStoreReadinessCheck>("state-store", tags: [ReadyTag]);
        return services;
    }

    public static void MapStreamCxHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJson });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteJson });
    }

    private static Task WriteJson(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = Status(report.Status),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = Status(e.Value.Status), description = e.Value.Description, data = e.Value.Data }),
        }, cancellationToken: context.RequestAborted);
    }

    private static string Status(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
