using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace StreamCx.Kafka;

/// <summary>
/// A small wrapper of <see cref="IProducer{TKey,TValue}"/> (UTF-8 string key, raw bytes value) for the
/// alerts and dead-letter topics: retries transient errors, counts outcomes, flushes on dispose.
/// Thread-safe; share one instance.
/// </summary>
/// <remarks>
/// Delivery is at least once: a retried record may be written twice (idempotence is not enabled by default
/// because old brokers lack it; set <c>enable.idempotence</c> in <see cref="KafkaSettings.Properties"/> where the
/// broker supports it). librdkafka itself retries within <c>message.timeout.ms</c> (5 min by default) before an
/// attempt fails, so lower that property when failures must surface sooner.
/// </remarks>
public sealed class RecordProducer : IDisposable
{
    /// <summary>librdkafka's default <c>message.max.bytes</c>.</summary>
    private const int LibrdkafkaMessageMaxBytes = 1_000_000;

    private readonly IProducer<string?, byte[]> _producer;
    private readonly RecordProducerOptions _options;
    private readonly ILogger _logger;
    private readonly ErrorLogThrottle _errorLog = new();
    private long _delivered;
    private long _failed;
    private long _retried;
    private int _disposed;

    /// <exception cref="KafkaConfigurationException">No bootstrap servers, or librdkafka rejected a property.</exception>
    public RecordProducer(KafkaSettings settings, ILogger? logger = null, RecordProducerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _options = options ?? new RecordProducerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxAttempts, 1, nameof(options));
        _logger = logger ?? NullLogger.Instance;
        var config = KafkaClientConfigFactory.CreateProducerConfig(settings);
        _producer = KafkaClientBuilder.Build("producer", settings, () => new ProducerBuilder<string?, byte[]>(config)
            .SetErrorHandler((_, error) => OnError(error))
            .SetLogHandler((_, message) => LibrdkafkaLog.Forward(_logger, message))
            .SetStatisticsHandler((_, json) => OnStatistics(json))
            .Build());
        MaxMessageBytes = config.MessageMaxBytes ?? LibrdkafkaMessageMaxBytes;
    }

    /// <summary>Raised after a record is delivered (on a librdkafka or thread-pool thread; keep it short).</summary>
    public event EventHandler<RecordProducedEventArgs>? RecordDelivered;

    /// <summary>Raised when a record finally fails (after its retries).</summary>
    public event EventHandler<RecordProducedEventArgs>? RecordFailed;

    /// <summary>
    /// Raised on a librdkafka thread with each statistics report (only when the <c>statistics.interval.ms</c>
    /// property is set). Keep handlers short.
    /// </summary>
    public event EventHandler<KafkaStatisticsEventArgs>? StatisticsReported;

    /// <summary>Largest record this producer sends (<c>message.max.bytes</c>, key and value included).</summary>
    public int MaxMessageBytes { get; }

    /// <summary>Records delivered so far.</summary>
    public long DeliveredCount => Interlocked.Read(ref _delivered);

    /// <summary>Records that failed for good so far.</summary>
    public long FailedCount => Interlocked.Read(ref _failed);

    /// <summary>Extra attempts made after transient errors so far.</summary>
    public long RetriedCount => Interlocked.Read(ref _retried);

    /// <summary>
    /// Produces one record and waits for its delivery report; retries transient errors up to
    /// <see cref="RecordProducerOptions.MaxAttempts"/> times with exponential backoff.
    /// </summary>
    /// <returns>Where the record was written.</returns>
    /// <exception cref="ProduceException{TKey,TValue}">Delivery failed for good.</exception>
    /// <exception cref="OperationCanceledException">Waiting was cancelled; the record may still be delivered.</exception>
    public async Task<TopicPartitionOffset> ProduceAsync(string topic, string? key, byte[] value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(value);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var message = new Message<string?, byte[]> { Key = key, Value = value };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await _producer.ProduceAsync(topic, message, cancellationToken).ConfigureAwait(false);
                Interlocked.Increment(ref _delivered);
                RecordDelivered?.Invoke(this, new RecordProducedEventArgs(topic, result.TopicPartitionOffset, null, attempt));
                return result.TopicPartitionOffset;
            }
            catch (ProduceException<string?, byte[]> e)
                when (attempt < _options.MaxAttempts && TransientProduceErrors.IsTransient(e.Error) && !cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref _retried);
                var delay = Backoff(attempt);
                _logger.ProduceRetry(topic, attempt, _options.MaxAttempts, delay, e.Error);
                await Task.Delay(delay, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (ProduceException<string?, byte[]> e)
            {
                Interlocked.Increment(ref _failed);
                _logger.ProduceFailed(topic, attempt, e.Error);
                RecordFailed?.Invoke(this, new RecordProducedEventArgs(topic, null, e.Error, attempt));
                throw;
            }
        }
    }

    /// <summary>
    /// True when a produce error may go away by itself (broker down, leader moving, timeouts, full local queue),
    /// false for errors that trying again cannot fix (record too large, authorization, fatal errors).
    /// </summary>
    public static bool IsTransient(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return TransientProduceErrors.IsTransient(error);
    }

    /// <summary>Waits up to <paramref name="timeout"/> for outstanding deliveries; returns how many remain.</summary>
    public int Flush(TimeSpan timeout) => _producer.Flush(timeout);

    /// <summary>Flushes (up to <see cref="RecordProducerOptions.FlushTimeout"/>) and releases the producer.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        var remaining = _producer.Flush(_options.FlushTimeout);
        if (remaining > 0)
        {
            _logger.FlushIncomplete(remaining);
        }

        _producer.Dispose();
    }

    private TimeSpan Backoff(int attempt)
    {
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(_options.InitialBackoff.Ticks * factor, _options.MaxBackoff.Ticks));
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }

    private void OnStatistics(string json)
    {
        try
        {
            StatisticsReported?.Invoke(this, new KafkaStatisticsEventArgs(json));
        }
        catch (Exception e)
        {
            _logger.StatisticsHandlerFailed(e);
        }
    }

    private void OnError(Error error)
    {
        if (error.IsFatal)
        {
            _logger.FatalError("producer", error);
        }
        else
        {
            _logger.ClientError(_errorLog, "producer", error);
        }
    }
}
