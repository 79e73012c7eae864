using System.Diagnostics;
using System.Text.Json;
using StreamCx.Perf.Kafka;
using StreamCx.Perf.LiveStream;

namespace StreamCx.Perf.EndToEnd;

/// <summary>
/// What the engine's <c>/api/status</c> says it took: read by the intake, feedback applied and rejected, journeys' and
/// listening messages taken (the listening ones counted once applied) and those held for the frontier; and its frontier of
/// event time (null before the first).
/// </summary>
public sealed record EngineCounts(long Consumed, long Applied, long Rejected, long JourneysTaken, long ListeningTaken, long ListeningHeld = 0, DateTimeOffset? Frontier = null)
{
    /// <summary>The listening messages the engine has: applied or held.</summary>
    public long ListeningHas => ListeningTaken + ListeningHeld;
}

/// <summary>
/// The real service (<c>streamcx run</c>, a child process, simulator and snapshots off) on new topics <c>prefix.0</c> …
/// (one per 4 sites, so every partition has a site), a new consumer group and so a new region topic: the topics first, then
/// the engine, left until it is assigned them all and knows every input silent (idle). A workload produced after that is
/// read as it arrives (an engine started on a backlog holds everything until it has heard of every input).
/// </summary>
public static class EngineOnTopics
{
    public static async Task<(EngineProcess Engine, string Prefix, IReadOnlyList<string> Topics)> StartAsync(Target target, string name, int sites, IEnumerable<string> extraSettings)
    {
        var prefix = $"e2e.{name}.{Guid.NewGuid():N}"[..(15 + name.Length)];
        var topics = Enumerable.Range(0, Math.Max(1, sites / 4)).Select(i => $"{prefix}.{i}").ToList();
        topics.ForEach(target.EnsureTopic);
        var settings = new List<string>
        {
            $"Kafka:BootstrapServers={target.Settings.BootstrapServers}", $"Kafka:GroupId={name}-{Guid.NewGuid():N}", "Snapshots:Enabled=false",
            "Logging:LogLevel:Default=Warning",
        };
        settings.AddRange(topics.Select((t, i) => $"Kafka:Topics:{i}={t}"));
        settings.AddRange(extraSettings);
        var engine = await EngineProcess.StartAsync([.. settings]);
        var deadline = Stopwatch.StartNew();
        while (!await AssignedAsync(engine, topics.Count * 4))
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException("the engine was not assigned every partition within 2 minutes");
            await Task.Delay(200);
        }
        await Task.Delay(new StreamCx.Domain.EventTime.EventTimeSettings().IdleTimeout + TimeSpan.FromSeconds(2)); // every input known silent
        return (engine, prefix, topics);
    }

    public static async Task<EngineCounts> CountsAsync(EngineProcess engine)
    {
        using var json = JsonDocument.Parse(await engine.Http.GetStringAsync(new Uri("/api/status", UriKind.Relative)));
        var root = json.RootElement;
        var consumed = root.GetProperty("kafka").GetProperty("consumed") is { ValueKind: JsonValueKind.Number } c ? c.GetInt64() : 0;
        var journeys = root.GetProperty("journeys") is { ValueKind: JsonValueKind.Object } j ? j.GetProperty("applied").GetInt64() + j.GetProperty("held").GetInt64() : 0;
        var (listening, held) = root.GetProperty("listening") is { ValueKind: JsonValueKind.Object } l
            ? (l.GetProperty("byType").EnumerateObject().Sum(t => t.Value.GetInt64()), l.GetProperty("held").GetInt64()) : (0, 0);
        var frontier = root.GetProperty("eventTime").GetProperty("frontier") is { ValueKind: JsonValueKind.String } f ? f.GetDateTimeOffset() : (DateTimeOffset?)null;
        return new EngineCounts(consumed, root.GetProperty("applied").GetInt64(), root.GetProperty("rejected").GetInt64(), journeys, listening, held, frontier);
    }

    private static async Task<bool> AssignedAsync(EngineProcess engine, int partitions)
    {
        try
        {
            using var json = JsonDocument.Parse(await engine.Http.GetStringAsync(new Uri("/api/status", UriKind.Relative)));
            var kafka = json.RootElement.GetProperty("kafka");
            return kafka.GetProperty("assignedPartitions") is { ValueKind: JsonValueKind.Array } a && a.GetArrayLength() == partitions
                && kafka.GetProperty("regions").GetProperty("assignedPartitions") is { ValueKind: JsonValueKind.Array } r && r.GetArrayLength() > 0;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
