namespace StreamCx.IntegrationTests.Infrastructure;

/// <summary>kcat (Debian package), the channel-side producer and a reader of the engine's output topics.</summary>
public static class Kcat
{
    private static IEnumerable<string> Common(string bootstrap) =>
        ["-b", bootstrap, "-X", "api.version.request=false", "-X", "broker.version.fallback=0.9.0"];

    /// <summary>Produces one message per (key, value) pair, as a channel system would (<c>kcat -P -K TAB</c>); waits for delivery.</summary>
    public static async Task ProduceAsync(string bootstrap, string topic, IEnumerable<(string Key, string Value)> messages)
    {
        var lines = string.Concat(messages.Select(m => $"{m.Key}\t{m.Value}\n"));
        await ProcessRunner.RunAsync("kcat", [.. Common(bootstrap), "-P", "-t", topic, "-K", "\t", "-X", "message.max.bytes=5000000"], lines)
            .ContinueWith(t => t.Result.EnsureSuccess($"kcat -P -t {topic}"));
    }

    /// <summary>Every message of <paramref name="topic"/> from the beginning to its current end, as "key TAB value" lines.</summary>
    public static async Task<IReadOnlyList<(string Key, string Value)>> ReadAllAsync(string bootstrap, string topic)
    {
        var result = await ProcessRunner.RunAsync("kcat", [.. Common(bootstrap), "-C", "-t", topic, "-o", "beginning", "-e", "-q", "-f", "%k\t%s\n"]);
        result.EnsureSuccess($"kcat -C -t {topic}");
        return result.StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t', 2))
            .Select(parts => (parts[0], parts.Length > 1 ? parts[1] : ""))
            .ToList();
    }
}
