using System.Text.Json;

namespace StreamCx.Kafka;

/// <summary>System.Text.Json (source-generated) serialization of <see cref="DeadLetterEnvelope"/>.</summary>
public static class DeadLetterJson
{
    /// <summary>UTF-8 JSON of <paramref name="envelope"/>.</summary>
    public static byte[] Serialize(DeadLetterEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return JsonSerializer.SerializeToUtf8Bytes(envelope, DeadLetterJsonContext.Default.DeadLetterEnvelope);
    }

    /// <summary>Reads an envelope; throws <see cref="JsonException"/> when fields are missing, null or ill-typed.</summary>
    public static DeadLetterEnvelope Deserialize(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, DeadLetterJsonContext.Default.DeadLetterEnvelope)
        ?? throw new JsonException("A dead-letter envelope cannot be JSON null.");
}
