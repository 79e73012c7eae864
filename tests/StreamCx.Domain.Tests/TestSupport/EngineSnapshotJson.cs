using System.Text.Json;
using System.Text.Json.Serialization;

namespace StreamCx.Domain.Tests.TestSupport;

/// <summary>Snapshots through JSON as the engine's <c>SnapshotCodec</c> writes and reads them (its options, without gzip).</summary>
public static class EngineSnapshotJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        IncludeFields = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Serialize<T>(T snapshot) => JsonSerializer.Serialize(snapshot, Options);

    /// <summary>The snapshot written to JSON and read back.</summary>
    public static T RoundTrip<T>(T snapshot) => JsonSerializer.Deserialize<T>(Serialize(snapshot), Options)!;
}
