using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace StreamCx.Kafka;

/// <summary>
/// librdkafka's in-process mock cluster (one broker on 127.0.0.1, random port), owned by an admin
/// client created with <c>test.mock.num.brokers=1</c> and kept alive until <see cref="Dispose"/>.
/// Give <see cref="BootstrapServers"/> to producers and consumers (<see cref="KafkaSettings.WithBootstrapServers"/>).
/// </summary>
/// <remarks>
/// Observed with Confluent.Kafka / librdkafka 2.16.0:
/// <list type="bullet">
/// <item>The owning client ignores its own <c>bootstrap.servers</c> and logs
/// "Mock cluster enabled: original bootstrap.servers and security.protocol ignored and replaced with
/// 127.0.0.1:PORT"; <c>GetMetadata</c> reports that broker (id 1), which is the address used here.</item>
/// <item><c>CreateTopics</c> is not supported: it fails with "Failed while waiting for controller: Local:
/// Timed out" only after the admin request timeout (about 60 s). Topics are auto-created with 4 partitions
/// by a produce or by a metadata request that names them (<see cref="EnsureTopics"/>); a consumer does not
/// create them: subscribed to a missing topic it reports UnknownTopicOrPart once and picks the topic up a
/// few seconds after it appears.</item>
/// <item>Consumer groups work (join, sync, heartbeats, offset commit and fetch) with mock timings: a new
/// group's first assignment takes about 3 s (the mock's group.initial.rebalance.delay, settable only through
/// a C API Confluent.Kafka does not expose). When the last member of a group leaves, a member that joins the
/// same group next waits <c>session.timeout.ms</c> − 1 s (44 s with the 45 s default) before it is assigned:
/// lower <c>session.timeout.ms</c> (e.g. 3000, with <c>heartbeat.interval.ms</c> 1000) where a consumer is
/// restarted in the same group.</item>
/// <item>While a rebalance is in progress the mock refuses offset commits (REBALANCE_IN_PROGRESS), also from
/// the current generation's members in their revocation handler, which a real broker accepts: offsets stored
/// since the last auto commit are then not committed, and a partition's next owner in another process reads
/// those records again. The consumer itself resumes where it stopped when it gets such a partition back.</item>
/// <item>Records carry timestamps (CreateTime); a real Kafka 0.9 broker has none.</item>
/// <item>A 2 MB record is accepted once the producer's <c>message.max.bytes</c> allows it.</item>
/// <item>Each partition keeps at most 5 MiB (and 100,000 message sets); older records are dropped, as by a
/// tiny retention: a demo or test that produces more than that per partition cannot read it all back.</item>
/// <item>Disposing destroys the cluster: clients still pointing at it report all brokers down.</item>
/// </list>
/// </remarks>
public sealed class EmbeddedKafkaCluster : IDisposable
{
    private readonly IAdminClient _owner;
    private readonly ILogger _logger;
    private readonly string _bootstrapServers;
    private int _disposed;

    /// <summary>Starts the mock cluster and waits (up to <paramref name="startTimeout"/>, default 10 s) for its broker address.</summary>
    public EmbeddedKafkaCluster(ILogger? logger = null, TimeSpan? startTimeout = null)
    {
        _logger = logger ?? NullLogger.Instance;
        var config = new AdminClientConfig();
        config.Set("test.mock.num.brokers", "1");
        _owner = new AdminClientBuilder(config)
            .SetLogHandler((_, message) => LibrdkafkaLog.Forward(_logger, message))
            .SetErrorHandler((_, error) => _logger.EmbeddedError(error))
            .Build();
        try
        {
            var metadata = _owner.GetMetadata(startTimeout ?? TimeSpan.FromSeconds(10));
            var broker = metadata.Brokers.FirstOrDefault()
                ?? throw new InvalidOperationException("The embedded Kafka cluster reported no broker.");
            _bootstrapServers = $"{broker.Host}:{broker.Port}";
        }
        catch
        {
            _owner.Dispose();
            throw;
        }

        _logger.EmbeddedStarted(_bootstrapServers);
    }

    /// <summary>The mock broker's <c>host:port</c> (127.0.0.1 and a random port).</summary>
    public string BootstrapServers => _bootstrapServers;

    /// <summary>Creates the topics that do not exist yet (4 partitions each) by requesting their metadata.</summary>
    public void EnsureTopics(IEnumerable<string> topics, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(topics);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        foreach (var topic in topics)
        {
            var metadata = _owner.GetMetadata(topic, timeout ?? TimeSpan.FromSeconds(10));
            var error = metadata.Topics.FirstOrDefault()?.Error;
            if (error is null || error.IsError)
            {
                throw new KafkaException(error ?? new Error(ErrorCode.UnknownTopicOrPart, $"Topic {topic} was not created."));
            }
        }
    }

    /// <summary>Number of partitions of <paramref name="topic"/> (creating it when missing).</summary>
    public int PartitionCount(string topic, TimeSpan? timeout = null)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _owner.GetMetadata(topic, timeout ?? TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Count;
    }

    /// <summary>Stops the mock cluster.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _owner.Dispose();
            _logger.EmbeddedStopped(_bootstrapServers);
        }
    }
}
