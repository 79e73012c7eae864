using System.Text.Json;

namespace StreamCx.Host.Metrics.Kafka;

/// <summary>
/// The parts of one librdkafka statistics report (STATISTICS.md) that become metrics (and the consumer group's state,
/// which readiness shows). Parsing is lenient: a missing
/// or ill-typed field reads as absent, so a librdkafka version with other fields never breaks the metrics.
/// </summary>
public sealed record LibrdkafkaStatistics(
    string ClientType,
    long ReplyQueue,
    long QueuedMessages,
    long TransmittedMessages,
    long ReceivedMessages,
    long TransmittedBytes,
    long ReceivedBytes,
    long? Rebalances,
    string? GroupState,
    IReadOnlyList<BrokerStatistics> Brokers,
    IReadOnlyList<PartitionStatistics> Partitions)
{
    /// <summary>Reads a report; null when the text is not a JSON object.</summary>
    public static LibrdkafkaStatistics? Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            JsonElement? group = root.TryGetProperty("cgrp", out var cgrp) && cgrp.ValueKind == JsonValueKind.Object ? cgrp : null;
            return new LibrdkafkaStatistics(
                String(root, "type") ?? "unknown",
                Long(root, "replyq") ?? 0,
                Long(root, "msg_cnt") ?? 0,
                Long(root, "txmsgs") ?? 0,
                Long(root, "rxmsgs") ?? 0,
                Long(root, "tx_bytes") ?? 0,
                Long(root, "rx_bytes") ?? 0,
                group is { } g ? Long(g, "rebalance_cnt") : null,
                group is { } h ? GroupStateOf(h) : null,
                ReadBrokers(root),
                ReadPartitions(root));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The consumer group's state and join state (e.g. "up, steady"; "wait-coord, init" while no coordinator answers).</summary>
    private static string? GroupStateOf(JsonElement group) =>
        String(group, "state") is { } state ? (String(group, "join_state") is { } join ? $"{state}, {join}" : state) : null;

    private static List<BrokerStatistics> ReadBrokers(JsonElement root)
    {
        var brokers = new List<BrokerStatistics>();
        if (!root.TryGetProperty("brokers", out var all) || all.ValueKind != JsonValueKind.Object) return brokers;
        foreach (var broker in all.EnumerateObject())
        {
            var b = broker.Value;
            if (b.ValueKind != JsonValueKind.Object || Long(b, "nodeid") is not { } id || id < 0 || id > int.MaxValue) continue; // -1: bootstrap placeholders
            double? rtt = b.TryGetProperty("rtt", out var r) && r.ValueKind == JsonValueKind.Object && Long(r, "cnt") > 0 && Long(r, "avg") is { } avg
                ? avg / 1_000_000.0
                : null;
            brokers.Add(new BrokerStatistics((int)id, String(b, "state") == "UP", rtt));
        }
        return brokers;
    }

    private static List<PartitionStatistics> ReadPartitions(JsonElement root)
    {
        var partitions = new List<PartitionStatistics>();
        if (!root.TryGetProperty("topics", out var topics) || topics.ValueKind != JsonValueKind.Object) return partitions;
        foreach (var topic in topics.EnumerateObject())
        {
            if (topic.Value.ValueKind != JsonValueKind.Object || !topic.Value.TryGetProperty("partitions", out var all) || all.ValueKind != JsonValueKind.Object) continue;
            foreach (var partition in all.EnumerateObject())
            {
                var p = partition.Value;
                if (p.ValueKind != JsonValueKind.Object || Long(p, "partition") is not { } id || id < 0 || id > int.MaxValue) continue; // -1: unassigned messages
                partitions.Add(new PartitionStatistics(topic.Name, (int)id, Lag(p), Long(p, "fetchq_cnt") ?? 0));
            }
        }
        return partitions;
    }

    /// <summary>
    /// Lag behind the stored offset (what the engine may commit: applied and covered by snapshots), else behind the
    /// committed one; with neither yet, the whole partition (high minus low watermark: a restart would read it all).
    /// </summary>
    private static long? Lag(JsonElement p)
    {
        if (Long(p, "consumer_lag_stored") is >= 0 and var stored) return stored;
        if (Long(p, "consumer_lag") is >= 0 and var committed) return committed;
        return Long(p, "hi_offset") is >= 0 and var high && Long(p, "lo_offset") is >= 0 and var low ? Math.Max(0, high - low) : null;
    }

    private static long? Long(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

/// <summary>One broker as a client sees it: up or not, and the average request round trip.</summary>
public sealed record BrokerStatistics(int NodeId, bool Up, double? RttAverageSeconds);

/// <summary>
/// One partition of a consumer: its lag in offsets (high watermark minus the stored offset, else the committed one,
/// else minus the low watermark; null while unknown) and the messages prefetched and waiting in librdkafka's queue.
/// </summary>
public sealed record PartitionStatistics(string Topic, int Partition, long? ConsumerLag, long FetchQueueMessages);
