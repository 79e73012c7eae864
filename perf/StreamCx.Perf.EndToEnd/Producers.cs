using Confluent.Kafka;
using StreamCx.Kafka;

namespace StreamCx.Perf.EndToEnd;

/// <summary>Producers of the harness: the engine's producer configuration, a large local queue, waiting when it is full.</summary>
public static class Producers
{
    public static IProducer<string, byte[]> Create(KafkaSettings settings, int lingerMs)
    {
        var config = KafkaClientConfigFactory.CreateProducerConfig(settings);
        config.LingerMs = lingerMs;
        config.BatchNumMessages = 10_000;
        config.QueueBufferingMaxMessages = 500_000;
        return new ProducerBuilder<string, byte[]>(config).Build();
    }

    public static void Produce(IProducer<string, byte[]> producer, TopicPartition partition, string key, byte[] value, Action onFailure)
    {
        var message = new Message<string, byte[]> { Key = key, Value = value };
        while (true)
        {
            try
            {
                producer.Produce(partition, message, report =>
                {
                    if (report.Error.IsError)
                    {
                        onFailure();
                    }
                });
                return;
            }
            catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(5));
            }
        }
    }
}
