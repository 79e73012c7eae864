using Microsoft.Extensions.Logging;
using StreamCx.Domain.Contracts;

namespace StreamCx.Host.Logging;

/// <summary>
/// The engine's key log events, with stable event ids that log pipelines can filter on (README, "Logs").
/// Partition events (1001 assigned, 1002 revoked, 1003 lost) are logged by the Kafka layer.
/// </summary>
public static partial class StreamCxLog
{
    public const int MessageRejectedId = 2001;
    public const int AlertOpenedId = 3001;
    public const int AlertUpdatedId = 3002;
    public const int AlertResolvedId = 3003;
    public const int SnapshotFailedId = 4001;

    [LoggerMessage(MessageRejectedId, LogLevel.Warning, "Message {Topic}[{Partition}]@{Offset} rejected ({ReasonCode}): {Reason}")]
    public static partial void MessageRejected(this ILogger logger, string topic, int partition, long offset, string reasonCode, string reason);

    [LoggerMessage(AlertOpenedId, LogLevel.Information, "Alert {AlertId} opened for {SiteId}/{AttributeId}, severity {SeverityLevel} [{Factors}]: {Explanation}")]
    public static partial void AlertOpened(this ILogger logger, string alertId, string siteId, string attributeId, string severityLevel, string factors, string explanation);

    [LoggerMessage(AlertUpdatedId, LogLevel.Information, "Alert {AlertId} #{Sequence} updated for {SiteId}/{AttributeId}, severity {SeverityLevel} [{Factors}]")]
    public static partial void AlertUpdated(this ILogger logger, string alertId, int sequence, string siteId, string attributeId, string severityLevel, string factors);

    [LoggerMessage(AlertResolvedId, LogLevel.Information, "Alert {AlertId} resolved for {SiteId}/{AttributeId}")]
    public static partial void AlertResolved(this ILogger logger, string alertId, string siteId, string attributeId);

    [LoggerMessage(SnapshotFailedId, LogLevel.Error, "Saving a state snapshot failed after {DurationMs} ms")]
    public static partial void SnapshotFailed(this ILogger logger, Exception exception, double durationMs);

    public static void AlertEmitted(this ILogger logger, Alert alert)
    {
        if (!logger.IsEnabled(LogLevel.Information)) return;
        var severity = alert.SeverityLevel.ToString().ToLowerInvariant();
        switch (alert.Status)
        {
            case AlertStatus.Open:
                logger.AlertOpened(alert.AlertId, alert.SiteId, alert.AttributeId, severity, Factors(alert), alert.Explanation);
                break;
            case AlertStatus.Updated:
                logger.AlertUpdated(alert.AlertId, alert.Sequence, alert.SiteId, alert.AttributeId, severity, Factors(alert));
                break;
            default:
                logger.AlertResolved(alert.AlertId, alert.SiteId, alert.AttributeId);
                break;
        }
    }

    private static string Factors(Alert alert) => string.Join(",", alert.Factors.Select(f => f.Kind.ToString().ToLowerInvariant()));
}
