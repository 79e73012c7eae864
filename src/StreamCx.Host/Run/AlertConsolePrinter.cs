using System.Globalization;
using StreamCx.Domain.Contracts;

namespace StreamCx.Host.Run;

/// <summary>One readable console line per alert emission, with its id and status.</summary>
public static class AlertConsolePrinter
{
    public static string Line(Alert a) => string.Create(CultureInfo.InvariantCulture,
        $"ALERT {a.Status.ToString().ToLowerInvariant(),-8} {a.AlertId} #{a.Sequence} {a.SiteId}/{a.AttributeId} severity {a.Severity:0.00} ({a.SeverityLevel.ToString().ToLowerInvariant()}) [{string.Join(",", a.Factors.Select(f => f.Kind.ToString().ToLowerInvariant()))}] at {a.RaisedAt:yyyy-MM-dd HH:mm}Z — {a.Explanation}");
}
