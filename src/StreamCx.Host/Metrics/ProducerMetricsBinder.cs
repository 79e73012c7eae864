using Microsoft.Extensions.Hosting;
using StreamCx.Kafka;

namespace StreamCx.Host.Metrics;

/// <summary>Attaches <see cref="ProducerMetrics"/> to the engine's producer once the host starts.</summary>
public sealed class ProducerMetricsBinder(ProducerMetrics metrics, RecordProducer producer, DeadLetterPublisher deadLetters) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        metrics.Attach(producer, deadLetters);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
