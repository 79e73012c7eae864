using System.Net;

namespace StreamCx.Host.Metrics;

/// <summary>Checks <see cref="MetricsSettings"/> at start; every message names its configuration key.</summary>
public static class MetricsSettingsValidator
{
    private const int MaxPathLength = 100;
    private const int MaxChannelLabels = 100;
    private const int MaxChannelLength = 64;
    private static readonly string[] ReservedPathPrefixes = ["/health", "/api"];

    /// <param name="settings">The bound settings.</param>
    /// <param name="urls">The <c>Urls</c> configuration value (web endpoints), to refuse a metrics port they already use.</param>
    public static IReadOnlyList<string> Validate(MetricsSettings settings, string? urls)
    {
        var errors = new List<string>();
        if (PathProblem(settings.Path) is { } path) errors.Add($"Metrics:Path {Quote(settings.Path)} {path}");
        if (settings.Port is { } port)
        {
            if (port is < 1 or > 65535) errors.Add($"Metrics:Port must be from 1 to 65535 (or empty to serve metrics on the web port), got {port}");
            else if (WebPorts(urls).Contains(port)) errors.Add($"Metrics:Port {port} is already used by Urls ({urls}); leave Metrics:Port empty to serve metrics there");
        }
        if (!IsBindableHost(settings.Hostname)) errors.Add($"Metrics:Hostname {Quote(settings.Hostname)} must be an IP address, localhost, + or *");
        var interval = settings.KafkaStatisticsInterval;
        if (interval != TimeSpan.Zero && (interval < TimeSpan.FromMilliseconds(100) || interval > TimeSpan.FromHours(1)))
            errors.Add($"Metrics:KafkaStatisticsInterval must be 0 (off) or from 00:00:00.1 to 01:00:00, got {interval}");
        errors.AddRange(ChannelProblems(settings.ChannelLabels));
        return errors;
    }

    private static string? PathProblem(string? path)
    {
        if (string.IsNullOrEmpty(path)) return "must not be empty";
        if (path.Length > MaxPathLength) return $"is longer than {MaxPathLength} characters";
        if (path[0] != '/') return "must start with '/'";
        if (path == "/") return "must not be the root path";
        if (path.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '_' or '.' or '~')))
            return "may hold only letters, digits and / - _ . ~";
        var segments = path[1..].Split('/');
        if (segments.Any(s => s.Length == 0 || s is "." or "..")) return "has an empty, '.' or '..' segment";
        if (ReservedPathPrefixes.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase) || path.StartsWith(p + "/", StringComparison.OrdinalIgnoreCase)))
            return $"collides with the engine's own endpoints ({string.Join(", ", ReservedPathPrefixes.Select(p => p + "/…"))})";
        return null;
    }

    private static bool IsBindableHost(string? host)
    {
        if (host is "+" or "*" or "localhost") return true;
        if (string.IsNullOrEmpty(host)) return false;
        if (host.StartsWith('[') && host.EndsWith(']')) return IPAddress.TryParse(host[1..^1], out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        return IPAddress.TryParse(host, out var v4) && v4.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            && host.Count(c => c == '.') == 3; // "1" parses as an IPv4 address; only the dotted form is meant
    }

    private static IEnumerable<string> ChannelProblems(string[]? channels)
    {
        if (channels is null) yield break;
        if (channels.Length > MaxChannelLabels) yield return $"Metrics:ChannelLabels holds {channels.Length} entries; at most {MaxChannelLabels} keep the label bounded";
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < channels.Length; i++)
        {
            var c = channels[i];
            if (string.IsNullOrWhiteSpace(c) || c.Length > MaxChannelLength || c.Any(ch => !(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.')))
                yield return $"Metrics:ChannelLabels:{i} {Quote(c)} must be 1 to {MaxChannelLength} letters, digits, '-', '_' or '.'";
            else if (c.Equals(ChannelLabel.Other, StringComparison.OrdinalIgnoreCase) || c.Equals(ChannelLabel.Rejected, StringComparison.OrdinalIgnoreCase))
                yield return $"Metrics:ChannelLabels:{i} {Quote(c)} is reserved";
            else if (!seen.Add(c))
                yield return $"Metrics:ChannelLabels:{i} {Quote(c)} is listed twice";
        }
    }

    private static HashSet<int> WebPorts(string? urls)
    {
        var ports = new HashSet<int>();
        foreach (var url in (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Kestrel accepts wildcard hosts (http://*:8080, http://+:8080) that System.Uri does not.
            var normalized = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (Uri.TryCreate(normalized, UriKind.Absolute, out var uri)) ports.Add(uri.Port);
        }
        return ports;
    }

    private static string Quote(string? value) => value is null ? "(null)" : "'" + (value.Length > 60 ? value[..60] + "…" : value) + "'";
}
