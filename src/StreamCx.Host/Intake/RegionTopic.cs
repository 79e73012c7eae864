using System.Globalization;
using System.Text;
using System.Text.Json;
using StreamCx.Domain.EventTime;
using StreamCx.Domain.Journeys;
using StreamCx.Domain.Processing;
using StreamCx.Engine.Durability;
using StreamCx.Engine.Pipeline;
using StreamCx.Kafka;

namespace StreamCx.Host.Intake;

/// <summary>
/// The region topic (<c>Kafka:RegionTopic</c>) that the intake writes and the regions read, as Kafka Streams'
/// repartition topics: every event of a region goes to one partition (so one engine holds the whole region), with its
/// source position as key and its bytes as they came; the journeys' copies of a message go to the partitions of its
/// journey and account (<see cref="JourneyRouting"/>), keyed by the source position and the parts they carry; and, to
/// every partition, the intake's reports on the inputs it reads (<see cref="InputReport"/>), after the events they
/// cover. Keys and values only: brokers from Kafka 0.9 on.
/// </summary>
public static class RegionTopic
{
    /// <summary>Key of a report record.</summary>
    public const string ReportsKey = "~reports";

    /// <summary>What follows the source position in the key of a journeys' copy: then the parts it carries, as a number.</summary>
    private const string JourneyCopyMark = "#journeys=";

    /// <summary>The partition of a region (or of a journey's or an account's key): FNV-1a of it, so every engine places it the same way.</summary>
    public static int PartitionOf(string key, int partitions) => KeyPartitioner.PartitionOf(key, partitions);

    /// <summary>The key of an event record: where it was first read ("topic/partition/offset").</summary>
    public static string EventKey(string topic, int partition, long offset) =>
        string.Create(CultureInfo.InvariantCulture, $"{SnapshotCodec.PartitionKey(topic, partition)}/{offset}");

    /// <summary>The key of a journeys' copy of a message: where it was first read, and the parts the journeys of its partition apply.</summary>
    public static string JourneyCopyKey(string topic, int partition, long offset, JourneyParts parts) =>
        string.Create(CultureInfo.InvariantCulture, $"{EventKey(topic, partition, offset)}{JourneyCopyMark}{(int)parts}");

    public static byte[] ReportsValue(IEnumerable<InputReport> reports) =>
        JsonSerializer.SerializeToUtf8Bytes(reports.Select(r => new ReportJson(r.Input, r.Time, r.CaughtUp, r.Idle)).ToArray(), ReportJson.Options);

    /// <summary>
    /// A record of the region topic as the regions take it: an event (its input and source position from the key) or the
    /// intake's reports. A record that is neither (not written by an intake) is passed on as it is, to be rejected.
    /// </summary>
    public static RawFeedback Decode(ConsumedRecord record)
    {
        var position = new SourcePosition(record.Topic, record.Partition, record.Offset);
        if (record.Key == ReportsKey && TryReports(record.Value, out var reports))
            return new RawFeedback(record.Value, position) { Key = record.Key, ConsumedAt = record.ReceivedAt, Reports = reports };
        if (record.Key is { } key && TrySplit(key, out var sourceKey, out var parts) && TrySource(sourceKey, out var source))
        {
            return new RawFeedback(record.Value, position)
            {
                Key = key, ConsumedAt = record.ReceivedAt, Input = SnapshotCodec.PartitionKey(source.Topic, source.Partition), Source = source,
                JourneyParts = parts,
            };
        }
        return new RawFeedback(record.Value, position) { Key = record.Key, ConsumedAt = record.ReceivedAt };
    }

    /// <summary>A key without the journeys' mark, or one with it and parts that are some of <see cref="JourneyParts.All"/>.</summary>
    private static bool TrySplit(string key, out string source, out JourneyParts? parts)
    {
        var mark = key.IndexOf(JourneyCopyMark, StringComparison.Ordinal);
        (source, parts) = (mark < 0 ? key : key[..mark], null);
        if (mark < 0) return true;
        if (!byte.TryParse(key.AsSpan(mark + JourneyCopyMark.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            || value == 0 || (value & ~(byte)JourneyParts.All) != 0) return false;
        parts = (JourneyParts)value;
        return true;
    }

    private static bool TrySource(string key, out SourcePosition source)
    {
        source = null!;
        var last = key.LastIndexOf('/');
        var middle = last > 0 ? key.LastIndexOf('/', last - 1) : -1;
        if (middle <= 0
            || !int.TryParse(key.AsSpan(middle + 1, last - middle - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var partition)
            || !long.TryParse(key.AsSpan(last + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)) return false;
        source = new SourcePosition(key[..middle], partition, offset);
        return true;
    }

    private static bool TryReports(byte[] value, out IReadOnlyList<InputReport> reports)
    {
        try
        {
            var parsed = JsonSerializer.Deserialize<ReportJson[]>(value, ReportJson.Options);
            reports = parsed is null || parsed.Any(r => string.IsNullOrEmpty(r.Input)) ? [] : parsed.Select(r => new InputReport(r.Input, r.Time, r.CaughtUp, r.Idle)).ToArray();
            return parsed is not null && reports.Count == parsed.Length;
        }
        catch (JsonException)
        {
            reports = [];
            return false;
        }
    }

    private sealed record ReportJson(string Input, DateTimeOffset? Time, bool CaughtUp, bool Idle = false)
    {
        public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
    }
}
