using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StreamCx.Domain.Contracts;

/// <summary>The one JSON configuration for contracts: camelCase, no nulls, ISO-8601 timestamps.</summary>
public static class ContractJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    public static JsonSerializerOptions Create(bool indented) => new(JsonSerializerDefaults.Web)
    {
        WriteIndented = indented,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.Strict,
    };

    public static string Serialize(Alert alert) => JsonSerializer.Serialize(alert, Options);

    public static byte[] SerializeToUtf8(Alert alert) => JsonSerializer.SerializeToUtf8Bytes(alert, Options);

    public static Alert? DeserializeAlert(string json) => JsonSerializer.Deserialize<Alert>(json, Options);
}
