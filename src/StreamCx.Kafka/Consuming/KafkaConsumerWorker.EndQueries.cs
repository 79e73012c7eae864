using Confluent.Kafka;

namespace StreamCx.Kafka;

/// <summary>
/// Where a partition ends, asked of the broker (<see cref="QueryEnd"/>) on a client of its own, not on the consumer: a
/// broker answers a connection's requests in order, and on the consumer's connection the request waits behind its fetch,
/// which the broker holds for up to <c>fetch.wait.max.ms</c> (500 ms by default) when there is nothing new to read — every
/// time on a quiet live stream. The intake asks after nearly every batch, and its batches waited for it. The client never
/// subscribes: it joins no group and fetches nothing. It is made at the first question and closed with the consumer.
/// </summary>
internal sealed partial class KafkaConsumerWorker
{
    private readonly object _endsGate = new();
    private IConsumer<Ignore, Ignore>? _endsClient;
    private int _endsAsking; // questions on the client now: it is disposed only once they are answered
    private bool _endsClosed;
    private bool _endsFailureSaid;

    public long? QueryEnd(string topic, int partition, TimeSpan timeout)
    {
        if (Volatile.Read(ref _consumer) is null || EndsClient() is not { } client)
        {
            return null;
        }

        try
        {
            var high = client.QueryWatermarkOffsets(new TopicPartition(topic, partition), timeout).High;
            return high.IsSpecial ? null : high.Value;
        }
        catch (Exception e) when (e is KafkaException or ObjectDisposedException)
        {
            return null;
        }
        finally
        {
            lock (_endsGate)
            {
                if (--_endsAsking == 0)
                {
                    Monitor.PulseAll(_endsGate);
                }
            }
        }
    }

    /// <summary>The client, counted as asking (null once closed, or when it cannot be made); made at the first question.</summary>
    private IConsumer<Ignore, Ignore>? EndsClient()
    {
        lock (_endsGate)
        {
            if (_endsClosed)
            {
                return null;
            }

            try
            {
                _endsClient ??= KafkaClientBuilder.Build("consumer", _settings, () => new ConsumerBuilder<Ignore, Ignore>(EndsConfig()).Build());
            }
            catch (KafkaConfigurationException e)
            {
                // the consumer itself was made from the same configuration: not expected; said once, asked again next time
                if (!_endsFailureSaid)
                {
                    _endsFailureSaid = true;
                    _logger.EndsClientFailed(e.Message);
                }

                return null;
            }

            _endsAsking++;
            return _endsClient;
        }
    }

    /// <summary>The consumer's configuration, without its statistics (nobody polls this client for them) or its static membership.</summary>
    private ConsumerConfig EndsConfig() => new(_config.Where(kv => kv.Key is not ("statistics.interval.ms" or "group.instance.id")).ToDictionary(kv => kv.Key, kv => kv.Value))
    {
        ClientId = $"{_config.ClientId ?? "rdkafka"}-ends",
        EnableAutoCommit = false,
    };

    /// <summary>Closes the client once the questions on it are answered (each within its timeout); none is asked after.</summary>
    private void CloseEndsClient()
    {
        IConsumer<Ignore, Ignore>? client;
        lock (_endsGate)
        {
            _endsClosed = true;
            while (_endsAsking > 0)
            {
                Monitor.Wait(_endsGate);
            }

            client = _endsClient;
            _endsClient = null;
        }

        client?.Dispose();
    }
}
