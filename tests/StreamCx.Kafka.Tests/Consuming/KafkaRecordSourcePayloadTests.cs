using Akka.Streams.Dsl;
using Confluent.Kafka;

namespace StreamCx.Kafka.Tests.Consuming;

[Collection(KafkaCollection.Name)]
public sealed class KafkaRecordSourcePayloadTests(EmbeddedKafkaFixture kafka)
{
    [Fact]
    public async Task A_2MB_record_and_a_record_with_a_non_UTF8_key_and_binary_value_pass_unharmed()
    {
        var settings = kafka.NewSettings("payload");
        var big = new byte[2 * 1024 * 1024];
        new Random(42).NextBytes(big);
        byte[] invalidUtf8Key = [0xC3, 0x28, 0xFF, 0xFE];
        byte[] binary = [0x00, 0xFF, 0xFE, 0x00, 0x80, 0x0A, 0x0D, 0x22, 0x5C, 0xC0, 0xAF];
        using (var producer = kafka.CreateRawProducer())
        {
            await producer.ProduceAsync(settings.Topics[0], new Message<byte[]?, byte[]?> { Key = "big"u8.ToArray(), Value = big });
            await producer.ProduceAsync(settings.Topics[0], new Message<byte[]?, byte[]?> { Key = invalidUtf8Key, Value = binary });
            await producer.ProduceAsync(settings.Topics[0], new Message<byte[]?, byte[]?> { Key = null, Value = null });
        }

        Assert.True(big.Length > settings.MaxMessageBytes, "the big record exceeds the engine's limit yet must flow");

        var records = await KafkaRecordSource.Create(settings)
            .Take(3)
            .RunWith(Sink.Seq<ConsumedRecord>(), kafka.Materializer)
            .WaitAsync(TimeSpan.FromSeconds(30));

        var bigRecord = Assert.Single(records, r => r.Key == "big");
        Assert.Equal(big, bigRecord.Value);

        var binaryRecord = Assert.Single(records, r => r.Value.Length == binary.Length);
        Assert.Null(binaryRecord.Key);
        Assert.Equal(binary, binaryRecord.Value);

        var tombstone = Assert.Single(records, r => r.Value.Length == 0);
        Assert.Null(tombstone.Key);
        Assert.Equal(3, records.Select(r => (r.Partition, r.Offset)).Distinct().Count());
    }
}
