using System.Text.Json;
using System.Text.Json.Serialization;

namespace StreamCx.Engine.Durability;

/// <summary>Site snapshots as versioned JSON bytes; anything unreadable is a <see cref="SnapshotFormatException"/>.</summary>
public static class SnapshotCodec
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        IncludeFields = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static byte[] Encode(SiteSnapshot snapshot) => JsonSerializer.SerializeToUtf8Bytes(snapshot, Json);

    public static SiteSnapshot Decode(object? stored, string persistenceId)
    {
        if (stored is not byte[] bytes) throw new SnapshotFormatException($"snapshot of {persistenceId} is a {stored?.GetType().Name ?? "null"}, not the expected bytes");
        SiteSnapshot? snapshot;
        try
        {
            snapshot = JsonSerializer.Deserialize<SiteSnapshot>(bytes, Json);
        }
        catch (JsonException e)
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
