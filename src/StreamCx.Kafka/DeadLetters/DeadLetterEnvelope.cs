using System.Text.Json.Serialization;

namespace StreamCx.Kafka;

/// <summary>
/// A rejected input record with its origin and the reason, as written to the dead-letter topic
/// (an envelope rather than headers because Kafka 0.9 has no record headers). JSON via <see cref="DeadLetterJson"/>:
/// <c>{"originalBase64":"…","sourceTopic":"…","sourcePartition":0,"sourceOffset":12,"key":"…"|null,
/// "rejectedAt":"ISO-8601","reasonCode":"not-json","reason":"…","originalSize":123,"originalTruncated":false}</c>.
/// </summary>
/// <param name="Original">The original value bytes (base64 in JSON); a prefix when <see cref="OriginalTruncated"/>.</param>
/// <param name="SourceTopic">Topic the record was read from.</param>
/// <param name="SourcePartition">Partition the record was read from.</param>
/// <param name="SourceOffset">Offset of the record.</param>
/// <param name="Key">The record key as UTF-8 text; null when absent or not valid UTF-8.</param>
/// <param name="RejectedAt">When the engine rejected it (wall clock).</param>
/// <param name="ReasonCode">Short machine-readable reason, e.g. <c>not-json</c>.</param>
/// <param name="Reason">Human-readable reason.</param>
public sealed record DeadLetterEnvelope(
    [property: JsonPropertyName("originalBase64")] byte[] Original,
    string SourceTopic,
    int SourcePartition,
    long SourceOffset,
    string? Key,
    DateTimeOffset RejectedAt,
    string ReasonCode,
    string Reason)
{
    /// <summary>Size of the original value in bytes, also when <see cref="Original"/> was truncated.</summary>
    public int OriginalSize { get; init; } = Original?.Length ?? 0;

    /// <summary>
    /// True when <see cref="Original"/> holds only a prefix because the whole envelope had to fit the
    /// producer's <c>message.max.bytes</c>; the source coordinates still point at the full record.
    /// </summary>
    public bool OriginalTruncated { get; init; }

    /// <summary>The envelope for <paramref name="record"/>.</summary>
    public static DeadLetterEnvelope For(ConsumedRecord record, string reasonCode, string reason, DateTimeOffset rejectedAt)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrWhiteSpace(reasonCode);
        ArgumentNullException.ThrowIfNull(reason);
        return new DeadLetterEnvelope(
            record.Value, record.Topic, record.Partition, record.Offset, record.Key, rejectedAt, reasonCode, reason);
    }
}
