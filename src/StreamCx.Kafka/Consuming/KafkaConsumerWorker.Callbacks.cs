using System.Collections.Immutable;
using Confluent.Kafka;

namespace StreamCx.Kafka;

/// <summary>librdkafka callbacks: errors, rebalances, and the partition events they raise.</summary>
internal sealed partial class KafkaConsumerWorker
{
    private const int DefaultSessionTimeoutMs = 45_000; // librdkafka's session.timeout.ms
    private IConsumer<byte[]?, byte[]?> BuildConsumer() =>
        new ConsumerBuilder<byte[]?, byte[]?>(_config)
            .SetErrorHandler((_, error) => OnError(error))
            .SetLogHandler((_, message) => LibrdkafkaLog.Forward(_logger, message))
            .SetPartitionsAssignedHandler((consumer, partitions) => OnAssigned(consumer, partitions))
            .SetPartitionsRevokedHandler((consumer, partitions) => OnRevoked(consumer, partitions))
            .SetPartitionsLostHandler((consumer, partitions) => OnLost(consumer, partitions))
            .SetStatisticsHandler((_, json) => OnStatistics(json))
            .Build();

    private void OnError(Error error)
    {
        if (error.IsFatal)
        {
            _fatal ??= new KafkaException(error);
            _logger.FatalError("consumer", error);
            return;
        }

        _lastError = error;
        _logger.ClientError(_errorLog, "consumer", error);
        if (error.Code == ErrorCode.Local_AllBrokersDown)
        {
            MarkUnreachable(error);
        }
    }

    /// <summary>New partitions: a new ledger epoch each, and where to start in them (<see cref="StartPositions"/>).</summary>
    private IEnumerable<TopicPartitionOffset> OnAssigned(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartition> partitions)
    {
        _ledger.Assign(partitions);
        var start = StartPositions(consumer, partitions);
        ImmutableInterlocked.Update(ref _assigned, static (set, added) => set.Union(added), partitions);
        MarkConnected("partitions were assigned");
        _logger.PartitionsAssigned(KafkaLog.Describe(partitions));
        Raise(PartitionsAssigned, partitions);
        return start;
    }

    /// <summary>
    /// The committed offset, unless this consumer held the partition before and got further than what is
    /// committed (the commit on revocation failed, or the partition was lost before an auto commit): then where it stopped, so that it does not apply again what
    /// it already applied. Another member that got further meanwhile committed further, and wins.
    /// </summary>
    private List<TopicPartitionOffset> StartPositions(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartition> partitions)
    {
        var start = partitions.Select(p => new TopicPartitionOffset(p, Offset.Unset)).ToList();
        var known = _ledger.ResumePositions(partitions);
        if (known.Count == 0)
        {
            return start;
        }

        try
        {
            var committed = consumer.Committed(known.Keys, CommittedTimeout).ToDictionary(c => c.TopicPartition, c => c.Offset);
            for (var i = 0; i < start.Count; i++)
            {
                var partition = start[i].TopicPartition;
                if (known.TryGetValue(partition, out var resumeAt)
                    && committed.TryGetValue(partition, out var offset)
                    && (offset.IsSpecial || offset.Value < resumeAt))
                {
                    start[i] = new TopicPartitionOffset(partition, new Offset(resumeAt));
                    _logger.ResumingAhead(partition, resumeAt, offset.IsSpecial ? "none" : offset.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }
        catch (KafkaException e)
        {
            _logger.CommittedNotRead(e.Error); // the committed offsets then: at worst some records are applied again
        }

        return start;
    }

    /// <summary>
    /// Rebalance or close: stop handing out the partitions' records, wait for those already handed out to be
    /// stored, commit what was stored, then let them go.
    /// </summary>
    private void OnRevoked(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartitionOffset> partitions)
    {
        var removed = partitions.Select(p => p.TopicPartition).ToList();
        ResumeBeforeRebalance(consumer, removed);
        var drain = DrainTimeout();
        var (toCommit, undrained) = _ledger.Revoke(removed, drain);
        if (undrained.Count > 0)
        {
            _logger.RevokeNotDrained(drain, undrained);
        }

        CommitRevoked(toCommit);
        ImmutableInterlocked.Update(ref _assigned, static (set, gone) => set.Except(gone), removed);
        _logger.PartitionsRevoked(KafkaLog.Describe(removed));
        Raise(PartitionsRevoked, removed);
    }

    /// <summary>Partitions lost (session timed out): another member may own them already, so nothing is committed.</summary>
    private void OnLost(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartitionOffset> partitions)
    {
        var removed = partitions.Select(p => p.TopicPartition).ToList();
        ResumeBeforeRebalance(consumer, removed);
        _ledger.Lose(removed);
        ImmutableInterlocked.Update(ref _assigned, static (set, gone) => set.Except(gone), removed);
        _logger.PartitionsLost(KafkaLog.Describe(removed));
        Raise(PartitionsLost, removed);
    }

    /// <summary>
    /// <see cref="KafkaSettings.RevokeDrainTimeout"/>, but at most half the session timeout: while the revocation waits the
    /// member sends no heartbeat, and a member the coordinator gave up on can no longer commit what it drained.
    /// </summary>
    private TimeSpan DrainTimeout()
    {
        var session = TimeSpan.FromMilliseconds(_config.SessionTimeoutMs ?? DefaultSessionTimeoutMs);
        return _settings.RevokeDrainTimeout < session / 2 ? _settings.RevokeDrainTimeout : session / 2;
    }

    private void CommitRevoked(IReadOnlyList<TopicPartitionOffset> offsets)
    {
        if (offsets.Count == 0)
        {
            return;
        }

        try
        {
            IConsumer<byte[]?, byte[]?>? consumer;
            lock (_gate)
            {
                consumer = _consumer;
            }

            consumer?.Commit(offsets);
            _logger.OffsetsCommitted(offsets);
        }
        catch (KafkaException e)
        {
            // Auto commit retries what is stored; what is not committed is read again by the next owner.
            _logger.RevokeCommitFailed(offsets, e.Error);
        }
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

    private void Raise(EventHandler<KafkaPartitionsEventArgs>? handler, IReadOnlyList<TopicPartition> partitions)
    {
        try
        {
            handler?.Invoke(this, new KafkaPartitionsEventArgs(partitions));
        }
        catch (Exception e)
        {
            _logger.PartitionHandlerFailed(e);
        }
    }

    /// <summary>
    /// A paused state is never carried across a rebalance: librdkafka keeps a partition's pause through revocation and
    /// re-assignment, and a pause made before an assignment then resumed after it can leave a partition that is never
    /// fetched again (librdkafka #5111, #5591: an engine's intake then stalled for good after a rebalance under load). The
    /// partitions going away are resumed first; the next assignment starts unpaused, and the consume loop pauses it again
    /// only once records pile up.
    /// </summary>
    private void ResumeBeforeRebalance(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartition> partitions)
    {
        if (!_paused) return;
        try
        {
            consumer.Resume(partitions);
        }
        catch (KafkaException e)
        {
            _logger.FlowControlFailed("resume", e.Error);
        }
        _paused = false;
        _resumedForRebalance = true;
    }
}
