using System.Collections.Concurrent;
using System.Text.Json;
using Confluent.Kafka;
using StreamCx.Kafka;
using StreamCx.Perf.Kafka;

namespace StreamCx.Perf.EndToEnd;

/// <summary>An alert emission read back from the alerts topic: its keys, its factors' kinds, its event time and the engine's and this reader's wall clocks.</summary>
public sealed record ReadAlert(string SiteId, string AttributeId, IReadOnlyList<string> FactorKinds, string Status, DateTimeOffset RaisedAt, DateTimeOffset EmittedAt, DateTimeOffset ReadAt);

/// <summary>Reads an alerts topic from its start (fetch.wait.max.ms 10) on a thread of its own until disposed.</summary>
public sealed class AlertsTopicReader : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;

    public AlertsTopicReader(Target target, string topic)
    {
        target.EnsureTopic(topic); // a subscription to a topic that does not exist yet waits for the next metadata refresh
        var assigned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _reading = Task.Factory.StartNew(() => Read(target.For([topic], $"alerts-reader-{Guid.NewGuid():N}"), assigned), TaskCreationOptions.LongRunning);
        assigned.Task.Wait(TimeSpan.FromSeconds(60));
    }

    public ConcurrentQueue<ReadAlert> Alerts { get; } = new();

    private void Read(KafkaSettings settings, TaskCompletionSource assigned)
    {
        var config = KafkaClientConfigFactory.CreateConsumerConfig(settings);
        config.AutoOffsetReset = AutoOffsetReset.Earliest;
        config.EnableAutoCommit = false;
        config.FetchWaitMaxMs = 10;
        using var consumer = new ConsumerBuilder<Ignore, byte[]>(config).SetLogHandler((_, _) => { })
            .SetPartitionsAssignedHandler((_, partitions) => { if (partitions.Count > 0) assigned.TrySetResult(); }).Build();
        consumer.Subscribe(settings.Topics[0]);
        while (!_stop.IsCancellationRequested)
        {
            var record = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (record?.Message?.Value is not { } value) continue;
            var readAt = DateTimeOffset.UtcNow;
            using var json = JsonDocument.Parse(value);
            var a = json.RootElement;
            Alerts.Enqueue(new ReadAlert(a.GetProperty("siteId").GetString()!, a.GetProperty("attributeId").GetString()!,
                [.. a.GetProperty("factors").EnumerateArray().Select(f => f.GetProperty("kind").GetString()!)], a.GetProperty("status").GetString()!,
                a.GetProperty("raisedAt").GetDateTimeOffset(), a.GetProperty("emittedAt").GetDateTimeOffset(), readAt));
        }
        consumer.Close();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _reading.Wait();
        _stop.Dispose();
    }
}
