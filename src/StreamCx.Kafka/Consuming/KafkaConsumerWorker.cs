using System.Collections.Immutable;
using System.Threading.Channels;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace StreamCx.Kafka;

/// <summary>
/// One consumer-group consumer running on its own thread (<c>Consume</c> blocks) and feeding a bounded
/// channel of <see cref="KafkaSettings.BufferSize"/> records. When the channel is full the thread waits for
/// room; if downstream stalls longer than <see cref="PauseAfter"/> it pauses its partitions and keeps
/// polling, so rebalance callbacks run and <c>max.poll.interval.ms</c> is never exceeded by a stalled
/// downstream, and resumes once the buffer has drained to half. Pausing drops what librdkafka prefetched
/// and resuming fetches again from the last record handed out (about 0.5 s on the mock cluster), so
/// nothing is lost; the wait before pausing avoids paying that refetch on every momentarily full buffer.
/// A <see cref="PartitionLedger"/> makes rebalances clean: records of a revoked partition still buffered
/// are dropped, those already handed out are waited for (<see cref="KafkaSettings.RevokeDrainTimeout"/>)
/// and their stored offsets committed before the partition goes to another member.
/// </summary>
internal sealed partial class KafkaConsumerWorker : IKafkaConsumerControl
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan PausedPollTimeout = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan CommittedTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long a full buffer may block the consumer thread before it pauses and polls again.</summary>
    private static readonly TimeSpan PauseAfter = TimeSpan.FromSeconds(1);

    private readonly KafkaSettings _settings;
    private readonly ConsumerConfig _config;
    private readonly ILogger _logger;
    private readonly string _groupId;
    private readonly IReadOnlyList<string> _topics;
    private readonly Channel<TrackedRecord> _buffer;
    private readonly PartitionLedger _ledger = new();
    private readonly int _resumeAt;
    private readonly CancellationTokenRegistration _externalStop;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private IConsumer<byte[]?, byte[]?>? _consumer;
    private ImmutableHashSet<TopicPartition> _assigned = [];
    private bool _resumedForRebalance;
    private Task<bool>? _spaceWait;
    private bool _started;
    private volatile bool _paused;
    private volatile bool _stopRequested;
    private int _state = (int)KafkaConsumerState.Created;
    private long _consumed;
    private volatile Error? _lastError;
    private volatile Exception? _failure;
    private volatile KafkaException? _fatal;

    public KafkaConsumerWorker(KafkaSettings settings, ConsumerConfig config, ILogger logger, CancellationToken cancellationToken)
    {
        _settings = settings;
        _config = config;
        _logger = logger;
        _groupId = settings.GroupId;
        _topics = [.. settings.Topics];
        _resumeAt = settings.BufferSize / 2;
        _buffer = Channel.CreateBounded<TrackedRecord>(new BoundedChannelOptions(settings.BufferSize)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _externalStop = cancellationToken.Register(static worker => ((KafkaConsumerWorker)worker!).RequestStop(), this);
    }

    public event EventHandler<KafkaPartitionsEventArgs>? PartitionsAssigned;

    public event EventHandler<KafkaPartitionsEventArgs>? PartitionsRevoked;

    public event EventHandler<KafkaPartitionsEventArgs>? PartitionsLost;

    public event EventHandler<KafkaStatisticsEventArgs>? StatisticsReported;

    public KafkaConsumerState State => (KafkaConsumerState)Volatile.Read(ref _state);

    public bool IsConnected => State == KafkaConsumerState.Connected;

    public bool IsPaused => _paused;

    public IReadOnlyCollection<TopicPartition> AssignedPartitions => Volatile.Read(ref _assigned);

    public long ConsumedCount => Interlocked.Read(ref _consumed);

    public int BufferedCount => _buffer.Reader.Count;

    public Error? LastError => _lastError;

    public Exception? Failure => _failure;

    public Task Completion => _completion.Task;

    public long DroppedCount => _ledger.DroppedCount;

    /// <summary>Records for the source stage; completes (or faults) after the consumer closed.</summary>
    internal ChannelReader<TrackedRecord> Reader => _buffer.Reader;

    /// <summary>True when <paramref name="tracked"/> may go downstream (its partition is still assigned in the same epoch).</summary>
    internal bool TryHandOut(TrackedRecord tracked) => _ledger.TryHandOut(tracked.Record, tracked.Epoch);

    /// <summary>Starts the consumer thread once; does nothing after a stop.</summary>
    internal void Start()
    {
        lock (_gate)
        {
            if (_started)
            {
                return;
            }

            _started = true;
        }

        var thread = new Thread(Run)
        {
            IsBackground = true,
            Name = $"kafka-consumer {_groupId}",
        };
        thread.Start();
    }

    /// <summary>Asks the consumer thread to stop; returns at once.</summary>
    internal void RequestStop()
    {
        _stopRequested = true;
        bool neverStarted;
        lock (_gate)
        {
            neverStarted = !_started;
            _started = true;
        }

        if (neverStarted)
        {
            Finish(failure: null);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        RequestStop();
        await _completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public bool StoreOffset(string topic, int partition, long offset)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        lock (_gate)
        {
            if (_consumer is null)
            {
                return false;
            }

            try
            {
                _consumer.StoreOffset(new TopicPartitionOffset(topic, partition, offset + 1));
            }
            catch (KafkaException e)
            {
                _logger.OffsetNotStored(offset, topic, partition, e.Error);
                return false;
            }
        }

        _ledger.Stored(topic, partition, offset);
        return true;
    }

    public long? HighWatermark(string topic, int partition)
    {
        lock (_gate)
        {
            if (_consumer is null)
            {
                return null;
            }

            // librdkafka's cached value from the partition's last fetch response: no request to the broker
            var high = _consumer.GetWatermarkOffsets(new TopicPartition(topic, partition)).High;
            return high.IsSpecial ? null : high.Value;
        }
    }

    public IReadOnlyList<TopicPartitionOffset> Commit()
    {
        lock (_gate)
        {
            if (_consumer is null)
            {
                return [];
            }

            try
            {
                var committed = _consumer.Commit().Where(p => !p.Offset.IsSpecial).ToList();
                _logger.OffsetsCommitted(committed);
                return committed;
            }
            catch (KafkaException e) when (e.Error.Code == ErrorCode.Local_NoOffset)
            {
                return [];
            }
        }
    }

    private void Run()
    {
        Exception? failure = null;
        try
        {
            var consumer = KafkaClientBuilder.Build("consumer", _settings, BuildConsumer);
            lock (_gate)
            {
                _consumer = consumer;
            }

            Transition(KafkaConsumerState.Starting, from: KafkaConsumerState.Created);
            consumer.Subscribe(_topics);
            _logger.ConsumerSubscribed(_groupId, string.Join(", ", _topics));
            ConsumeLoop(consumer);
            failure = _fatal;
        }
        catch (Exception e)
        {
            failure = e;
        }
        finally
        {
            CloseConsumer(failure);
            Finish(failure);
        }
    }

    private void CloseConsumer(Exception? failure)
    {
        if (failure is null)
        {
            Transition(KafkaConsumerState.Stopping);
        }
        else
        {
            _logger.ConsumerFailed(failure, _groupId);
        }

        IConsumer<byte[]?, byte[]?>? consumer;
        lock (_gate)
        {
            consumer = _consumer;
        }

        if (consumer is null)
        {
            return;
        }

        StopProbe();
        CloseEndsClient();

        // Not under _gate: Close() runs the revocation handler, which waits for StoreOffset calls.
        try
        {
            consumer.Close();
        }
        catch (Exception e)
        {
            _logger.ConsumerCloseFailed(e.Message);
        }

        lock (_gate)
        {
            consumer.Dispose();
            _consumer = null;
        }

        _ledger.Clear();
    }

    private void Finish(Exception? failure)
    {
        Volatile.Write(ref _assigned, []);
        _paused = false;
        _failure = failure;
        Volatile.Write(ref _state, (int)(failure is null ? KafkaConsumerState.Stopped : KafkaConsumerState.Failed));
        _buffer.Writer.TryComplete(failure);
        _externalStop.Dispose();
        _logger.ConsumerStopped(_groupId);
        _completion.TrySetResult();
    }

    /// <summary>Moves between running states; never leaves Stopping, Stopped or Failed.</summary>
    private void Transition(KafkaConsumerState to, KafkaConsumerState? from = null)
    {
        while (true)
        {
            var current = Volatile.Read(ref _state);
            var state = (KafkaConsumerState)current;
            if (state >= KafkaConsumerState.Stopping || (from is not null && state != from) || state == to)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _state, (int)to, current) == current)
            {
                return;
            }
        }
    }
}
