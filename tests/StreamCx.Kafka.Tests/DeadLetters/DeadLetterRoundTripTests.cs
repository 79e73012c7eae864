using Microsoft.Extensions.Time.Testing;

namespace StreamCx.Kafka.Tests.DeadLetters;

[Collection(KafkaCollection.Name)]
public sealed class DeadLetterRoundTripTests(EmbeddedKafkaFixture kafka)
{
    [Fact]
    public async Task A_published_envelope_reads_back_with_the_original_bytes_and_coordinates()
    {
        var settings = kafka.NewSettings("dead-letter");
        byte[] original = [0x00, 0xFF, 0xC3, 0x28, 0x7B, 0x22, 0x0A, 0x80, 0xFE];
        var record = new ConsumedRecord(settings.Topics[0], 3, 12_345, "site-42", original, null);
        using var producer = new RecordProducer(settings);
        var publisher = new DeadLetterPublisher(producer, settings);

        var written = await publisher.PublishAsync(record, "not-json", "Value is not UTF-8 JSON.");
        var read = kafka.ReadOne(written, TimeSpan.FromSeconds(10));
        var envelope = DeadLetterJson.Deserialize(read.Message.Value);

        Assert.Equal(settings.DeadLetterTopic, written.Topic);
        Assert.Equal("site-42"u8.ToArray(), read.Message.Key);
        Assert.Equal(original, envelope.Original);
        Assert.Equal((record.Topic, record.Partition, record.Offset, record.Key), (envelope.SourceTopic, envelope.SourcePartition, envelope.SourceOffset, envelope.Key));
        Assert.Equal(("not-json", "Value is not UTF-8 JSON."), (envelope.ReasonCode, envelope.Reason));
        Assert.False(envelope.OriginalTruncated);
        Assert.Equal(1, publisher.PublishedCount);
    }

    [Fact]
    public async Task An_oversized_record_is_dead_lettered_with_a_truncated_original()
    {
        var settings = kafka.NewSettings("dead-letter-big");
        var original = new byte[2 * 1024 * 1024];
        new Random(3).NextBytes(original);
        var record = new ConsumedRecord(settings.Topics[0], 0, 7, null, original, null);
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));
        using var producer = new RecordProducer(settings);
        var publisher = new DeadLetterPublisher(producer, settings, timeProvider: clock);

        var written = await publisher.PublishAsync(record, "oversized", "Larger than 1048576 bytes.");
        var envelope = DeadLetterJson.Deserialize(kafka.ReadOne(written, TimeSpan.FromSeconds(10)).Message.Value);

        Assert.True(envelope.OriginalTruncated);
        Assert.Equal(original.Length, envelope.OriginalSize);
        Assert.Equal(original.AsSpan(0, envelope.Original.Length).ToArray(), envelope.Original);
        Assert.Equal(clock.GetUtcNow(), envelope.RejectedAt);
        Assert.Null(envelope.Key);
    }
}
