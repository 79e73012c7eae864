using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using StreamCx.Domain.Snapshots;

namespace StreamCx.Engine.Durability;

/// <summary>
/// Site, listening and journey snapshots as versioned, gzip-compressed JSON (buckets as number arrays); anything unreadable is a
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

    public static byte[] Encode(SiteSnapshot snapshot) => Compress(snapshot);

    public static byte[] Encode(ListeningChannelSnapshot snapshot) => Compress(snapshot);

    public static byte[] Encode(JourneyChannelSnapshot snapshot) => Compress(snapshot);

    public static byte[] Encode(NetworkChannelSnapshot snapshot) => Compress(snapshot);

    /// <summary>One journey as JSON (a passivated journey on its shelf).</summary>
    public static byte[] EncodeJourney(JourneyStateSnapshot journey) => JsonSerializer.SerializeToUtf8Bytes(journey, Json);

    public static JourneyStateSnapshot DecodeJourney(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<JourneyStateSnapshot>(json, Json) ?? throw new SnapshotFormatException("a passivated journey is empty");

    public static NetworkChannelSnapshot DecodeNetwork(object? stored, string persistenceId)
    {
        var snapshot = Decompress<NetworkChannelSnapshot>(stored, persistenceId);
        if (snapshot is null || snapshot.Grouping is null || snapshot.Held is null || snapshot.Passed is null || snapshot.Taken is null || snapshot.AppliedOffsets is null)
            throw new SnapshotFormatException($"snapshot of {persistenceId} is incomplete");
        CheckVersion(snapshot.Version, NetworkChannelSnapshot.CurrentVersion, persistenceId);
        return snapshot;
    }

    public static SiteSnapshot Decode(object? stored, string persistenceId)
    {
        var snapshot = Decompress<SiteSnapshot>(stored, persistenceId);
        if (snapshot is null || snapshot.Intake is null || snapshot.Attributes is null || snapshot.AppliedOffsets is null)
            throw new SnapshotFormatException($"snapshot of {persistenceId} is incomplete");
        CheckVersion(snapshot.Version, SiteSnapshot.CurrentVersion, persistenceId);
        return snapshot;
    }

    public static ListeningChannelSnapshot DecodeListening(object? stored, string persistenceId)
    {
        var snapshot = Decompress<ListeningChannelSnapshot>(stored, persistenceId);
        if (snapshot is null || snapshot.State is null || snapshot.AppliedOffsets is null)
            throw new SnapshotFormatException($"snapshot of {persistenceId} is incomplete");
        CheckVersion(snapshot.Version, ListeningChannelSnapshot.CurrentVersion, persistenceId);
        return snapshot;
    }

    public static JourneyChannelSnapshot DecodeJourneys(object? stored, string persistenceId)
    {
        var snapshot = Decompress<JourneyChannelSnapshot>(stored, persistenceId);
        if (snapshot is null || (snapshot.State is null) == (snapshot.Change is null) || snapshot.AppliedOffsets is null || snapshot.SourceOffsets is null
            || (snapshot.Change is not null && snapshot.Previous < 1))
            throw new SnapshotFormatException($"snapshot of {persistenceId} is incomplete");
        CheckVersion(snapshot.Version, JourneyChannelSnapshot.CurrentVersion, persistenceId);
        return snapshot;
    }

    private static byte[] Compress<T>(T snapshot)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            JsonSerializer.Serialize(gzip, snapshot, Json);
        return buffer.ToArray();
    }

    private static T? Decompress<T>(object? stored, string persistenceId)
    {
        if (stored is not byte[] bytes) throw new SnapshotFormatException($"snapshot of {persistenceId} is a {stored?.GetType().Name ?? "null"}, not the expected bytes");
        try
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            return JsonSerializer.Deserialize<T>(gzip, Json);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or NotSupportedException)
        {
            throw new SnapshotFormatException($"snapshot of {persistenceId} is unreadable: {e.Message}");
        }
    }

    private static void CheckVersion(int version, int current, string persistenceId)
    {
        if (version != current)
            throw new SnapshotFormatException($"snapshot of {persistenceId} has format version {version}, this engine reads version {current}");
    }

    public static string PartitionKey(string topic, int partition) => $"{topic}/{partition}";

    /// <summary>The message at <paramref name="offset"/> of the partition a <see cref="PartitionKey"/> names.</summary>
    public static Pipeline.SourcePosition Position(string partitionKey, long offset)
    {
        var slash = partitionKey.LastIndexOf('/');
        return new(partitionKey[..slash], int.Parse(partitionKey.AsSpan(slash + 1), System.Globalization.CultureInfo.InvariantCulture), offset);
    }
}

public sealed class SnapshotFormatException(string message) : Exception(message);
