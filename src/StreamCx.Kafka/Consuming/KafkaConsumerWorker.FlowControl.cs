using Confluent.Kafka;

namespace StreamCx.Kafka;

/// <summary>The consume loop and its backpressure: wait for room, pause when stalled, resume at half.</summary>
internal sealed partial class KafkaConsumerWorker
{
    private void ConsumeLoop(IConsumer<byte[]?, byte[]?> consumer)
    {
        var pending = new Queue<TrackedRecord>();
        var paused = false;
        while (!_stopRequested && _fatal is null)
        {
            while (pending.Count > 0 && _buffer.Writer.TryWrite(pending.Peek()))
            {
                pending.Dequeue();
            }

            if (pending.Count > 0 && !paused)
            {
                if (WaitForSpace(PauseAfter))
                {
                    continue; // downstream took a record: hand over the pending one first
                }

                paused = SetPaused(consumer, pause: true); // downstream stalled: pause, keep polling
            }
            else if (paused && _resumedForRebalance)
            {
                paused = false; // resumed before the rebalance (ResumeBeforeRebalance): paused again below once records pile up
            }
            else if (paused && pending.Count == 0 && _buffer.Reader.Count <= _resumeAt)
            {
                paused = SetPaused(consumer, pause: false);
            }

            Poll(consumer, pending, paused ? PausedPollTimeout : PollTimeout);
            ProbeIfDisconnected(consumer);
        }
    }

    /// <summary>Blocks until the buffer has room, at most <paramref name="limit"/>; false when it did not get room.</summary>
    private bool WaitForSpace(TimeSpan limit)
    {
        var deadline = Environment.TickCount64 + (long)limit.TotalMilliseconds;
        while (!_stopRequested)
        {
            var left = deadline - Environment.TickCount64;
            if (left <= 0)
            {
                return false;
            }

            _spaceWait ??= _buffer.Writer.WaitToWriteAsync().AsTask();
            if (_spaceWait.Wait(TimeSpan.FromMilliseconds(Math.Min(left, 100))))
            {
                _spaceWait = null;
                return true;
            }
        }

        return false;
    }

    /// <summary>Pauses or resumes the whole assignment; returns the resulting paused state.</summary>
    private bool SetPaused(IConsumer<byte[]?, byte[]?> consumer, bool pause)
    {
        _resumedForRebalance = false;
        var assignment = consumer.Assignment;
        try
        {
            if (pause)
            {
                consumer.Pause(assignment);
            }
            else
            {
                consumer.Resume(assignment);
            }

            _paused = pause;
            _logger.FlowControl(pause ? "paused" : "resumed", assignment.Count, _buffer.Reader.Count);
        }
        catch (KafkaException e)
        {
            _logger.FlowControlFailed(pause ? "pause" : "resume", e.Error);
        }

        return pause;
    }

    private void Poll(IConsumer<byte[]?, byte[]?> consumer, Queue<TrackedRecord> pending, TimeSpan timeout)
    {
        ConsumeResult<byte[]?, byte[]?>? result;
        try
        {
            result = consumer.Consume(timeout);
        }
        catch (ConsumeException e) when (!e.Error.IsFatal)
        {
            _lastError = e.Error;
            _logger.ConsumeError(e.ConsumerRecord?.TopicPartitionOffset, e.Error);
            return;
        }

        if (result is null)
        {
            return;
        }

        if (result.IsPartitionEOF)
        {
            // emitted only when enable.partition.eof was asked for (KafkaRecordSource.Create): the partition is caught up
            pending.Enqueue(new TrackedRecord(ConsumedRecord.EndOf(result.Topic, result.Partition.Value, result.Offset.Value), _ledger.EpochOf(result.TopicPartition)));
            return;
        }

        Interlocked.Increment(ref _consumed);
        MarkConnected("a record arrived");
        pending.Enqueue(new TrackedRecord(ConsumedRecordMapper.From(result), _ledger.EpochOf(result.TopicPartition)));
    }
}
