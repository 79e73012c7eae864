namespace StreamCx.Kafka;

/// <summary>
/// Kafka connection and topic settings, bound from the configuration section <c>Kafka</c>
/// (<see cref="SectionName"/>). Check them with <see cref="Validate"/> at start.
/// </summary>
public sealed class KafkaSettings
{
    /// <summary>The configuration section these settings are bound from.</summary>
    public const string SectionName = "Kafka";

    /// <summary>The input topic consumed when none is configured.</summary>
    public const string DefaultTopic = "feedback";

    /// <summary>
    /// Comma-separated <c>host:port</c> list. Null, empty or whitespace means "use the embedded mock
    /// cluster": start an <see cref="EmbeddedKafkaCluster"/> and pass its address to
    /// <see cref="WithBootstrapServers"/> before building clients.
    /// </summary>
    public string? BootstrapServers { get; set; }

    /// <summary>
    /// Input topics (default <c>["feedback"]</c>). The default entry is replaced, not kept, by the first
    /// topic added, so that binding <c>Kafka:Topics:0 = orders</c> gives <c>["orders"]</c> (the
    /// configuration binder appends to existing lists).
    /// </summary>
    public IList<string> Topics { get; set; } = new ReplaceableDefaultList<string>(DefaultTopic);

    /// <summary>Consumer group id (default <c>streamcx</c>).</summary>
    public string GroupId { get; set; } = "streamcx";

    /// <summary>
    /// Raw librdkafka properties applied to every consumer and producer after StreamCx's defaults,
    /// so they override them (e.g. <c>api.version.request=false</c>, <c>broker.version.fallback=0.9.0</c>,
    /// <c>session.timeout.ms</c>, security settings).
    /// </summary>
    public Dictionary<string, string> Properties { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Topic alerts are produced to (default <c>streamcx.alerts</c>).</summary>
    public string AlertsTopic { get; set; } = "streamcx.alerts";

    /// <summary>Topic rejected input is produced to (default <c>streamcx.deadletters</c>).</summary>
    public string DeadLetterTopic { get; set; } = "streamcx.deadletters";

    /// <summary>
    /// The engines' own topic (default <c>GroupId.regions</c>: one per group): every event of a region goes to one of its
    /// partitions, so one engine holds the whole region; its partition count bounds how many engines share the regions.
    /// </summary>
    public string RegionTopic
    {
        get => _regionTopic ?? GroupId + ".regions";
        set => _regionTopic = value;
    }

    private string? _regionTopic;

    /// <summary>
    /// The engines' network grouping topic (default <c>GroupId.network</c>): every engine writes its regions' groups and how
    /// far each region-topic partition has passed to its partition 0, and the engine that holds that partition (consumer group
    /// <c>GroupId.network</c>) raises the network groups over every region.
    /// </summary>
    public string NetworkTopic
    {
        get => _networkTopic ?? GroupId + ".network";
        set => _networkTopic = value;
    }

    private string? _networkTopic;

    /// <summary>
    /// Largest message the engine accepts (default 1 MiB). Larger messages are still consumed and flow
    /// downstream so the engine can dead-letter them.
    /// </summary>
    public int MaxMessageBytes { get; set; } = 1_048_576;

    /// <summary>How many consumed records the source buffers ahead of a slow downstream (default 1024).</summary>
    public int BufferSize { get; set; } = 1024;

    /// <summary>
    /// How long a revocation (rebalance or stop) waits for the records already handed downstream to be stored
    /// before their offsets are committed and the partitions released (default 10 s; zero: no wait). Applies
    /// once the application has stored an offset. At most half of <c>session.timeout.ms</c> is waited: a member that
    /// sends no heartbeat longer than that is dropped from the group and can no longer commit.
    /// </summary>
    public TimeSpan RevokeDrainTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>True when no bootstrap servers are configured: the embedded mock cluster is meant.</summary>
    public bool UsesEmbeddedCluster => string.IsNullOrWhiteSpace(BootstrapServers);

    /// <summary>Human-readable problems with these settings; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate() => KafkaSettingsValidator.Validate(this);

    /// <summary>A copy of these settings pointing at <paramref name="bootstrapServers"/>.</summary>
    public KafkaSettings WithBootstrapServers(string bootstrapServers)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrapServers);
        var copy = Clone();
        copy.BootstrapServers = bootstrapServers;
        return copy;
    }

    /// <summary>The settings of the engines' consumer of <see cref="RegionTopic"/>: group <c>GroupId.regions</c>.</summary>
    public KafkaSettings ForRegionTopic() => ForEnginesTopic(RegionTopic, ".regions");

    /// <summary>The settings of the engines' consumer of <see cref="NetworkTopic"/>: group <c>GroupId.network</c>.</summary>
    public KafkaSettings ForNetworkTopic() => ForEnginesTopic(NetworkTopic, ".network");

    /// <summary>A reader of one of the engines' own topics, in a group of its own; the engines' topics keep their names.</summary>
    private KafkaSettings ForEnginesTopic(string topic, string groupSuffix)
    {
        var copy = Clone();
        copy.Topics = [topic];
        copy.RegionTopic = RegionTopic;
        copy.NetworkTopic = NetworkTopic;
        copy.GroupId = GroupId + groupSuffix;
        return copy;
    }

    /// <summary>A deep copy (lists and dictionary are copied).</summary>
    public KafkaSettings Clone() => new()
    {
        BootstrapServers = BootstrapServers,
        Topics = Topics is null ? null! : new List<string>(Topics),
        GroupId = GroupId,
        Properties = Properties is null ? null! : new Dictionary<string, string>(Properties, StringComparer.Ordinal),
        AlertsTopic = AlertsTopic,
        DeadLetterTopic = DeadLetterTopic,
        _regionTopic = _regionTopic,
        _networkTopic = _networkTopic,
        MaxMessageBytes = MaxMessageBytes,
        BufferSize = BufferSize,
        RevokeDrainTimeout = RevokeDrainTimeout,
    };
}
