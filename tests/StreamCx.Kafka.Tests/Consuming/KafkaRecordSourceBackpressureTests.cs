using System.Text;
using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;

namespace StreamCx.Kafka.Tests.Consuming;

[Collection(KafkaCollection.Name)]
public sealed class KafkaRecordSourceBackpressureTests(EmbeddedKafkaFixture kafka)
{
    [Fact]
    public async Task A_downstream_that_does_not_pull_bounds_what_the_source_takes_from_Kafka()
    {
        const int bufferSize = 100;
        const int count = 10 * bufferSize;
        var settings = kafka.NewSettings("backpressure");
        settings.BufferSize = bufferSize;
        using (var producer = kafka.CreateRawProducer())
        {
            await Task.WhenAll(Enumerable.Range(0, count).Select(i => producer.ProduceAsync(
                settings.Topics[0], new Message<byte[]?, byte[]?> { Value = Encoding.UTF8.GetBytes($"r{i}") })));
        }

        // A queue sink that holds at most one element and is not pulled until later.
        var (control, queue) = KafkaRecordSource.Create(settings)
            .ToMaterialized(Sink.Queue<ConsumedRecord>().WithAttributes(Attributes.CreateInputBuffer(1, 1)), Keep.Both)
            .Run(kafka.Materializer);

        await Poll.UntilAsync(() => control.ConsumedCount >= bufferSize, TimeSpan.FromSeconds(20), "the buffer to fill");

        // Bound: the channel (bufferSize) + the record in hand on the consumer thread + the sink's one element.
        // Downstream stalls, so the consumer pauses its partitions after a while; the bound holds throughout.
        const int bound = bufferSize + 2;
        var pausedAt = (DateTime?)null;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (pausedAt is null || DateTime.UtcNow < pausedAt + TimeSpan.FromMilliseconds(500))
        {
            Assert.True(DateTime.UtcNow < deadline, "the consumer should pause while downstream does not pull");
            Assert.True(control.ConsumedCount <= bound, $"consumed {control.ConsumedCount} records with no demand; bound is {bound}");
            Assert.True(control.BufferedCount <= bufferSize, $"buffered {control.BufferedCount} > {bufferSize}");
            pausedAt ??= control.IsPaused ? DateTime.UtcNow : null;
            await Task.Delay(20);
        }

        Assert.True(control.IsPaused);
        Assert.True(control.ConsumedCount >= bufferSize);

        // Once downstream pulls, everything arrives, exactly once: pausing and resuming lost nothing.
        var seen = new HashSet<string>();
        for (var i = 0; i < count; i++)
        {
            var next = await queue.PullAsync().WaitAsync(TimeSpan.FromSeconds(20));
            Assert.True(next.HasValue, "the stream ended early");
            Assert.True(seen.Add(Encoding.UTF8.GetString(next.Value.Value)), "a record was delivered twice");
        }

        Assert.Equal(count, seen.Count);
        Assert.False(control.IsPaused);
        await control.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }
}
