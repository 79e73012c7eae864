using System.Diagnostics;
using Confluent.Kafka;

namespace StreamCx.Kafka;

/// <summary>
/// Outages: one clear log line when every broker is unreachable, one when a broker answers again, and a
/// metadata probe about once a second in between, so that an idle consumer also notices the return.
/// </summary>
internal sealed partial class KafkaConsumerWorker
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    private readonly Lock _probeGate = new();
    private readonly ErrorLogThrottle _errorLog = new();
    private long _unreachableSinceTicks;
    private long _unreachableSinceTimestamp;
    private IAdminClient? _probeClient;
    private Task? _probeTask;
    private long _nextProbeAt;

    public DateTimeOffset? UnreachableSince
    {
        get
        {
            var ticks = Interlocked.Read(ref _unreachableSinceTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    private void MarkUnreachable(Error error)
    {
        var before = State;
        Transition(KafkaConsumerState.Disconnected);
        if (before is KafkaConsumerState.Disconnected || State != KafkaConsumerState.Disconnected)
        {
            return;
        }

        Interlocked.Exchange(ref _unreachableSinceTimestamp, Stopwatch.GetTimestamp());
        Interlocked.Exchange(ref _unreachableSinceTicks, DateTimeOffset.UtcNow.UtcTicks);
        _logger.BrokersUnreachable(
            _settings.BootstrapServers ?? "",
            _groupId,
            error.Reason,
            before == KafkaConsumerState.Connected ? "consuming is suspended" : "nothing consumed yet");
    }

    private void MarkConnected(string evidence)
    {
        var before = State;
        if (before == KafkaConsumerState.Connected)
        {
            return;
        }

        Transition(KafkaConsumerState.Connected);
        if (before != KafkaConsumerState.Disconnected || State != KafkaConsumerState.Connected)
        {
            return;
        }

        _errorLog.Reset();
        var since = Interlocked.Exchange(ref _unreachableSinceTimestamp, 0);
        Interlocked.Exchange(ref _unreachableSinceTicks, 0);
        var outage = since == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(since);
        _logger.BrokersReachable(_settings.BootstrapServers ?? "", _groupId, outage.TotalSeconds, evidence);
    }

    /// <summary>Consumer thread: while disconnected, asks the cluster for metadata about once a second (off this thread).</summary>
    private void ProbeIfDisconnected(IConsumer<byte[]?, byte[]?> consumer)
    {
        if (State != KafkaConsumerState.Disconnected)
        {
            return;
        }

        var now = Environment.TickCount64;
        lock (_probeGate)
        {
            if (now < _nextProbeAt || _probeTask is { IsCompleted: false })
            {
                return;
            }

            _nextProbeAt = now + (long)ProbeInterval.TotalMilliseconds;
            var client = _probeClient ??= new DependentAdminClientBuilder(consumer.Handle).Build();
            var topic = _topics[0];
            _probeTask = Task.Run(() => Probe(client, topic));
        }
    }

    private void Probe(IAdminClient client, string topic)
    {
        try
        {
            var metadata = client.GetMetadata(topic, ProbeTimeout);
            if (metadata.Brokers.Count > 0)
            {
                MarkConnected("a broker answered");
            }
        }
        catch (KafkaException)
        {
            // still unreachable; the next probe tries again
        }
        catch (ObjectDisposedException)
        {
            // the consumer is closing
        }
    }

    private void StopProbe()
    {
        Task? running;
        IAdminClient? client;
        lock (_probeGate)
        {
            running = _probeTask;
            client = _probeClient;
            _probeClient = null;
            _nextProbeAt = long.MaxValue;
        }

        try
        {
            running?.Wait(ProbeTimeout + TimeSpan.FromSeconds(1));
        }
        catch (AggregateException)
        {
        }

        client?.Dispose();
    }
}
