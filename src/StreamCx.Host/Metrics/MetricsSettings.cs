namespace StreamCx.Host.Metrics;

/// <summary>Configuration section "Metrics": the Prometheus endpoint and what feeds it.</summary>
public sealed class MetricsSettings
{
    /// <summary>The channels that get their own <c>channel</c> label value; any other channel counts as <c>other</c>.</summary>
    public static readonly IReadOnlyList<string> DefaultChannelLabels =
        ["store", "web", "app", "phone", "email", "chat", "social", "event", "survey"];

    /// <summary>Serve metrics at all (default true). Off: no endpoint, no per-event metric work, no Kafka statistics.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Path of the metrics endpoint (default <c>/metrics</c>).</summary>
    public string Path { get; set; } = "/metrics";

    /// <summary>Port of a separate metrics listener; null (default) serves metrics beside the web endpoints (<c>Urls</c>).</summary>
    public int? Port { get; set; }

    /// <summary>Address the separate metrics listener binds (default 127.0.0.1; <c>+</c> or <c>*</c> for all).</summary>
    public string Hostname { get; set; } = "127.0.0.1";

    /// <summary>How often librdkafka reports its statistics (default 5 s; 0 turns Kafka client metrics off).</summary>
    public TimeSpan KafkaStatisticsInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Channel names given their own label value; null means <see cref="DefaultChannelLabels"/>.</summary>
    public string[]? ChannelLabels { get; set; }

    public IReadOnlyList<string> EffectiveChannelLabels => ChannelLabels ?? DefaultChannelLabels;
}
