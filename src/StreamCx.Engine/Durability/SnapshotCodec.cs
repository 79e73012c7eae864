using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StreamCx.Engine.Durability;

/// <summary>
/// Site snapshots as versioned, gzip-compressed JSON (buckets as number arrays); anything unreadable is a
/// <see cref="SnapshotFormatException"/>.
/// </summary>
public static class SnapshotCodec
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        IncludeFields = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new BucketJsonConverter() },
    };

    public static byte[] Encode(SiteSnapshot snapshot)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            JsonSerializer.Serialize(gzip, snapshot, Json);
        return buffer.ToArray();
    }

    public static SiteSnapshot Decode(object? stored, string persistenceId)
    {
        if (stored is not byte[] bytes) throw new SnapshotFormatException($"snapshot of {persistenceId} is a {stored?.GetType().Name ?? "null"}, not the expected bytes");
        SiteSnapshot? snapshot;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            snapshot = JsonSerializer.Deserialize<SiteSnapshot>(gzip, Json);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or NotSupportedException)
        {
            throw new SnapshotFormatException($"snapshot of {persistenceId} is unreadable: {e.Message}");
        }
        if (snapshot is null || snapshot.Intake is null || snapshot.Attributes is null || snapshot.AppliedOffsets is null)
            throw new SnapshotFormatException($"snapshot of {persistenceId} is incomplete");
        if (snapshot.Version != SiteSnapshot.CurrentVersion)
            throw new SnapshotFormatException($"snapshot of {persistenceId} has format version {snapshot.Version}, this engine reads version {SiteSnapshot.CurrentVersion}");
        return snapshot;
    }

    public static string PartitionKey(string topic, int partition) => $"{topic}/{partition}";
}

public sealed class SnapshotFormatException(string message) : Exception(message);
