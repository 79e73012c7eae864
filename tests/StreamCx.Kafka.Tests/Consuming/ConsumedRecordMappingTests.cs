using Confluent.Kafka;

namespace StreamCx.Kafka.Tests.Consuming;

public sealed class ConsumedRecordMappingTests
{
    [Theory]
    [InlineData(new byte[] { 0x73, 0x69, 0x74, 0x65 }, "site")]
    [InlineData(new byte[] { 0xC3, 0xA9 }, "é")]
    [InlineData(new byte[] { }, "")]
    [InlineData(new byte[] { 0xC3, 0x28 }, null)]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x00 }, null)]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, null)] // UTF-8-encoded surrogate
    public void Keys_are_decoded_strictly_as_UTF8(byte[] key, string? expected)
    {
        Assert.Equal(expected, RecordKeyDecoder.Decode(key));
    }

    [Fact]
    public void A_record_without_timestamp_key_or_value_maps_to_nulls_and_empty_bytes()
    {
        var result = new ConsumeResult<byte[]?, byte[]?>
        {
            TopicPartitionOffset = new TopicPartitionOffset("t", 3, 42),
            Message = new Message<byte[]?, byte[]?> { Key = null, Value = null, Timestamp = Timestamp.Default },
        };

        var record = ConsumedRecordMapper.From(result);

        Assert.Equal(("t", 3, 42L), (record.Topic, record.Partition, record.Offset));
        Assert.Null(record.Key);
        Assert.Empty(record.Value);
        Assert.Null(record.Timestamp);
    }

    [Fact]
    public void A_create_time_timestamp_is_kept()
    {
        var at = new DateTimeOffset(2025, 3, 4, 5, 6, 7, 890, TimeSpan.Zero);
        var result = new ConsumeResult<byte[]?, byte[]?>
        {
            TopicPartitionOffset = new TopicPartitionOffset("t", 0, 0),
            Message = new Message<byte[]?, byte[]?> { Value = [1], Timestamp = new Timestamp(at) },
        };

        Assert.Equal(at, ConsumedRecordMapper.From(result).Timestamp);
    }
}
