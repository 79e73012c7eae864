using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace StreamCx.Kafka;

/// <summary>
/// Writes <see cref="DeadLetterEnvelope"/>s to <see cref="KafkaSettings.DeadLetterTopic"/>, keyed by the
/// original record's key. Envelopes larger than the producer's <c>message.max.bytes</c> keep only a prefix
/// of the original bytes (<see cref="DeadLetterEnvelope.OriginalTruncated"/>).
/// </summary>
public sealed class DeadLetterPublisher
{
    /// <summary>Room left for Kafka's record framing within <c>message.max.bytes</c>.</summary>
    private const int RecordOverheadBytes = 512;

    /// <summary>Longest reason text kept.</summary>
    private const int MaxReasonLength = 4096;

    private readonly RecordProducer _producer;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private long _published;
    private long _failed;

    public DeadLetterPublisher(RecordProducer producer, KafkaSettings settings, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(producer);
        ArgumentNullException.ThrowIfNull(settings);
        var problem = KafkaTopicName.Problem(settings.DeadLetterTopic);
        if (problem is not null)
        {
            throw new KafkaConfigurationException($"Kafka:DeadLetterTopic {DisplayText.Quote(settings.DeadLetterTopic)} is not a legal Kafka topic name: it {problem}.");
        }

        _producer = producer;
        _logger = logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
        Topic = settings.DeadLetterTopic;
    }

    /// <summary>The dead-letter topic.</summary>
    public string Topic { get; }

    /// <summary>Dead letters written so far.</summary>
    public long PublishedCount => Interlocked.Read(ref _published);

    /// <summary>Calls of <see cref="PublishAsync"/> that failed (after the producer's own retries).</summary>
    public long FailedCount => Interlocked.Read(ref _failed);

    /// <summary>The envelope <see cref="PublishAsync"/> would write for <paramref name="record"/> (truncated if needed).</summary>
    public DeadLetterEnvelope CreateEnvelope(ConsumedRecord record, string reasonCode, string reason) =>
        Build(record, reasonCode, reason).Envelope;

    /// <summary>Writes the dead letter for <paramref name="record"/> and waits for its delivery.</summary>
    /// <returns>Where the dead letter was written.</returns>
    public async Task<TopicPartitionOffset> PublishAsync(ConsumedRecord record, string reasonCode, string reason, CancellationToken cancellationToken = default)
    {
        var (_, json) = Build(record, reasonCode, reason);
        try
        {
            var written = await _producer.ProduceAsync(Topic, record.Key, json, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _published);
            return written;
        }
        catch (KafkaException)
        {
            Interlocked.Increment(ref _failed);
            throw;
        }
    }

    private (DeadLetterEnvelope Envelope, byte[] Json) Build(ConsumedRecord record, string reasonCode, string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var shortReason = reason.Length > MaxReasonLength ? string.Concat(reason.AsSpan(0, MaxReasonLength), "…") : reason;
        var envelope = DeadLetterEnvelope.For(record, reasonCode, shortReason, _timeProvider.GetUtcNow());
        var keyBytes = record.Key is null ? 0 : Encoding.UTF8.GetByteCount(record.Key);
        var budget = _producer.MaxMessageBytes - keyBytes - RecordOverheadBytes;
        var fitted = DeadLetterEnvelopeFitter.Fit(envelope, budget);
        if (fitted.Envelope.OriginalTruncated)
        {
            _logger.DeadLetterTruncated(record.Topic, record.Partition, record.Offset, fitted.Envelope.Original.Length, envelope.OriginalSize, budget);
        }

        return fitted;
    }
}
