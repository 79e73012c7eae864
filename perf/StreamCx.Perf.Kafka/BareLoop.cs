using System.Diagnostics;
using Confluent.Kafka;
using StreamCx.Kafka;

namespace StreamCx.Perf.Kafka;

/// <summary>The baseline: a bare Confluent.Kafka consume loop in a new group, same consumer configuration as the engine's.</summary>
public static class BareLoop
{
    /// <summary>Seconds from the first record to the last of <paramref name="count"/> (the group join is not counted).</summary>
    public static double Run(Target target, IReadOnlyList<string> topics, int count)
    {
        var config = KafkaClientConfigFactory.CreateConsumerConfig(target.For(topics, $"bare-{Guid.NewGuid():N}"));
        config.EnableAutoCommit = false;
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
        consumer.Subscribe(topics);
        var seen = 0;
        long bytes = 0;
        Stopwatch? clock = null;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
        while (seen < count)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result is null || result.IsPartitionEOF)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"bare loop: {seen} of {count} records");
                }

                continue;
            }

            clock ??= Stopwatch.StartNew();
            bytes += result.Message.Value?.Length ?? 0; // touch the payload
            seen++;
        }

        var seconds = clock!.Elapsed.TotalSeconds;
        consumer.Close();
        return bytes > 0 ? seconds : throw new InvalidOperationException("empty records");
    }
}
