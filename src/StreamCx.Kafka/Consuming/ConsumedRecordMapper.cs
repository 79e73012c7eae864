using System.Diagnostics;
using Confluent.Kafka;

namespace StreamCx.Kafka;

/// <summary>Turns a Confluent.Kafka consume result into a <see cref="ConsumedRecord"/>.</summary>
internal static class ConsumedRecordMapper
{
    public static ConsumedRecord From(ConsumeResult<byte[]?, byte[]?> result) => new(
        result.Topic,
        result.Partition.Value,
        result.Offset.Value,
        RecordKeyDecoder.Decode(result.Message.Key),
        result.Message.Value ?? [],
        TimestampOf(result.Message.Timestamp))
    {
        ReceivedAt = Stopwatch.GetTimestamp(),
    };

    private static DateTimeOffset? TimestampOf(Timestamp timestamp) =>
        timestamp.Type == TimestampType.NotAvailable || timestamp.UnixTimestampMs < 0
            ? null
            : DateTimeOffset.FromUnixTimeMilliseconds(timestamp.UnixTimestampMs);
}
