using Microsoft.Extensions.Configuration;

namespace StreamCx.Host.Logging;

/// <summary>
/// The console log format, <c>Logging:Console:FormatterName</c>: <c>simple</c> (default, one line per entry),
/// <c>json</c> (one JSON object per line, with EventId, Category and State) or <c>systemd</c>.
/// </summary>
public static class ConsoleLogFormat
{
    public const string Key = "Logging:Console:FormatterName";
    private static readonly string[] Known = ["simple", "json", "systemd"];

    public static IReadOnlyList<string> Validate(IConfiguration configuration)
    {
        var name = configuration[Key];
        return name is null || Known.Contains(name, StringComparer.OrdinalIgnoreCase)
            ? []
            : [$"{Key} must be one of {string.Join(", ", Known)}, got '{(name.Length > 40 ? name[..40] + "…" : name)}'"];
    }

    /// <summary>True when logs are JSON lines: the console then carries nothing else (no ALERT lines).</summary>
    public static bool IsJson(IConfiguration configuration) => string.Equals(configuration[Key], "json", StringComparison.OrdinalIgnoreCase);
}
