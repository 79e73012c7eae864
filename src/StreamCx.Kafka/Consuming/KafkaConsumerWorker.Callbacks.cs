using System.Collections.Immutable;
using Confluent.Kafka;

namespace StreamCx.Kafka;

/// <summary>librdkafka callbacks: errors, rebalances, and the partition events they raise.</summary>
internal sealed partial class KafkaConsumerWorker
{
    private IConsumer<byte[]?, byte[]?> BuildConsumer() =>
        new ConsumerBuilder<byte[]?, byte[]?>(_config)
            .SetErrorHandler((_, error) => OnError(error))
            .SetLogHandler((_, message) => LibrdkafkaLog.Forward(_logger, message))
            .SetPartitionsAssignedHandler((_, partitions) => OnAssigned(partitions))
            .SetPartitionsRevokedHandler((_, partitions) => OnRevoked(partitions, lost: false))
            .SetPartitionsLostHandler((_, partitions) => OnRevoked(partitions, lost: true))
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
        if (error.Code == ErrorCode.Local_AllBrokersDown)
        {
            Transition(KafkaConsumerState.Disconnected);
        }

        _logger.ClientError("consumer", error);
    }

    private void OnAssigned(List<TopicPartition> partitions)
    {
        ImmutableInterlocked.Update(ref _assigned, static (set, added) => set.Union(added), partitions);
        _assignmentChanged = true;
        Transition(KafkaConsumerState.Connected);
        _logger.PartitionsAssigned(KafkaLog.Describe(partitions));
        Raise(PartitionsAssigned, partitions);
    }

    private void OnRevoked(List<TopicPartitionOffset> partitions, bool lost)
    {
        var removed = partitions.Select(p => p.TopicPartition).ToList();
        ImmutableInterlocked.Update(ref _assigned, static (set, gone) => set.Except(gone), removed);
        _assignmentChanged = true;
        if (lost)
        {
            _logger.PartitionsLost(KafkaLog.Describe(removed));
        }
        else
        {
            _logger.PartitionsRevoked(KafkaLog.Describe(removed));
        }

        Raise(lost ? PartitionsLost : PartitionsRevoked, removed);
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
}
