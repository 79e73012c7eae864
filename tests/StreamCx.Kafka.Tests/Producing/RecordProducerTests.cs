using Confluent.Kafka;

namespace StreamCx.Kafka.Tests.Producing;

[Collection(KafkaCollection.Name)]
public sealed class RecordProducerTests(EmbeddedKafkaFixture kafka)
{
    [Fact]
    public async Task Delivered_records_are_counted_and_reported()
    {
        var settings = kafka.NewSettings("producer");
        var delivered = new List<RecordProducedEventArgs>();
        using var producer = new RecordProducer(settings);
        producer.RecordDelivered += (_, e) => { lock (delivered) { delivered.Add(e); } };

        var first = await producer.ProduceAsync(settings.AlertsTopic, "site-1", [1, 2, 3]);
        var second = await producer.ProduceAsync(settings.AlertsTopic, null, []);

        Assert.Equal(2, producer.DeliveredCount);
        Assert.Equal(0, producer.FailedCount);
        Assert.Equal(settings.AlertsTopic, first.Topic);
        Assert.Equal([first, second], delivered.Select(d => d.DeliveredTo!).OrderBy(p => p == first ? 0 : 1));
        var read = kafka.ReadOne(first, TimeSpan.FromSeconds(10));
        Assert.Equal("site-1"u8.ToArray(), read.Message.Key);
        Assert.Equal(new byte[] { 1, 2, 3 }, read.Message.Value);
    }

    [Fact]
    public async Task A_record_too_large_fails_at_once_and_is_counted()
    {
        var settings = kafka.NewSettings("too-large");
        var failures = 0;
        using var producer = new RecordProducer(settings);
        producer.RecordFailed += (_, e) => Interlocked.Increment(ref failures);

        var thrown = await Assert.ThrowsAsync<ProduceException<string?, byte[]>>(
            () => producer.ProduceAsync(settings.AlertsTopic, "k", new byte[producer.MaxMessageBytes + 1]));

        Assert.Equal(ErrorCode.MsgSizeTooLarge, thrown.Error.Code);
        Assert.Equal(1, producer.FailedCount);
        Assert.Equal(0, producer.RetriedCount);
        Assert.Equal(1, failures);
    }

    [Fact]
    public async Task A_full_local_queue_is_transient_and_retried_until_delivered()
    {
        var settings = kafka.NewSettings("queue-full");
        settings.Properties["queue.buffering.max.messages"] = "1";
        var options = new RecordProducerOptions { MaxAttempts = 100, InitialBackoff = TimeSpan.FromMilliseconds(5), MaxBackoff = TimeSpan.FromMilliseconds(20) };
        using var producer = new RecordProducer(settings, options: options);

        var positions = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(i => producer.ProduceAsync(settings.AlertsTopic, $"k{i}", [(byte)i])))
            .WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(20, positions.Distinct().Count());
        Assert.Equal(20, producer.DeliveredCount);
        Assert.Equal(0, producer.FailedCount);
        Assert.True(producer.RetriedCount > 0, "with a one-message queue some attempts must have hit Local_QueueFull");
    }
}
