using System.Text;
using Confluent.Kafka;

namespace StreamCx.IntegrationTests.Infrastructure;

/// <summary>
/// A channel system producing steadily (Confluent.Kafka) in the background, e.g. across a broker outage: records
/// produced while the broker is down wait in the producer and are delivered when it is back.
/// </summary>
public sealed class PacedProducer
{
    private long _delivered;
    private long _failed;
    private Error? _lastError;

    public long Delivered => Interlocked.Read(ref _delivered);

    public long Failed => Interlocked.Read(ref _failed);

    public Error? LastError => _lastError;

    /// <summary>Produces <paramref name="messages"/> at about <paramref name="perSecond"/>, then waits for every delivery report.</summary>
    public Task RunAsync(RealKafkaFixture kafka, string topic, IReadOnlyList<(string Key, string Value)> messages, int perSecond) => Task.Run(async () =>
    {
        using var producer = kafka.CreateProducer(messageTimeoutMs: 240_000);
        var started = DateTime.UtcNow;
        for (var i = 0; i < messages.Count; i++)
        {
            var due = started + TimeSpan.FromSeconds((double)i / perSecond);
            if (due > DateTime.UtcNow)
            {
                await Task.Delay(due - DateTime.UtcNow);
            }

            producer.Produce(topic, new Message<string?, byte[]> { Key = messages[i].Key, Value = Encoding.UTF8.GetBytes(messages[i].Value) }, report =>
            {
                if (report.Error.IsError)
                {
                    _lastError = report.Error;
                    Interlocked.Increment(ref _failed);
                }
                else
                {
                    Interlocked.Increment(ref _delivered);
                }
            });
        }

        producer.Flush(TimeSpan.FromMinutes(4));
    });
}
