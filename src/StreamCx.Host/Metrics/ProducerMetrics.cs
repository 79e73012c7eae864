using Prometheus;
using StreamCx.Host.Metrics.Kafka;
using StreamCx.Kafka;

namespace StreamCx.Host.Metrics;

/// <summary>What the engine writes to Kafka (dead letters; alerts once published there): outcomes, retries, client statistics.</summary>
public sealed class ProducerMetrics
{
    private readonly Counter _produced, _retries, _deadLetters;
    private readonly KafkaClientMetrics _clients;
    private RecordProducer? _producer;
    private DeadLetterPublisher? _deadLetterPublisher;

    public ProducerMetrics(CollectorRegistry registry, KafkaClientMetrics clients, KafkaSettings kafka)
    {
        _clients = clients;
        var f = Prometheus.Metrics.WithCustomRegistry(registry);
        _produced = f.CreateCounter("streamcx_kafka_produced_records_total", "Records the engine produced, by topic and outcome (delivered, failed after retries)", ["topic", "outcome"]);
        _retries = f.CreateCounter("streamcx_kafka_produce_retries_total", "Extra produce attempts after transient errors");
        _deadLetters = f.CreateCounter("streamcx_dead_letters_total", "Rejected messages written to the dead-letter topic");
        foreach (var topic in new[] { kafka.DeadLetterTopic, kafka.AlertsTopic }.Distinct())
            foreach (var outcome in new[] { "delivered", "failed" })
                _produced.WithLabels(topic, outcome);
        registry.AddBeforeCollectCallback(Publish);
    }

    /// <summary>Follows the engine's shared producer and its dead-letter publisher.</summary>
    public void Attach(RecordProducer producer, DeadLetterPublisher deadLetters)
    {
        producer.RecordDelivered += (_, e) => _produced.WithLabels(e.Topic, "delivered").Inc();
        producer.RecordFailed += (_, e) => _produced.WithLabels(e.Topic, "failed").Inc();
        producer.StatisticsReported += (_, e) =>
        {
            if (LibrdkafkaStatistics.Parse(e.Json) is { } statistics) _clients.Report(statistics);
        };
        _producer = producer;
        _deadLetterPublisher = deadLetters;
    }

    private void Publish()
    {
        if (_producer is { } producer) _retries.IncTo(producer.RetriedCount);
        if (_deadLetterPublisher is { } deadLetters) _deadLetters.IncTo(deadLetters.PublishedCount);
    }
}
