using System.Diagnostics;
using Prometheus;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Processing;
using StreamCx.Engine.Pipeline;
using StreamCx.Host.Metrics;
using StreamCx.Host.Metrics.Kafka;

namespace StreamCx.Host.Tests.Metrics;

public class IngestionMetricsTests
{
    private readonly CollectorRegistry _registry = Prometheus.Metrics.NewCustomRegistry();
    private readonly IngestionMetrics _metrics;

    public IngestionMetricsTests()
    {
        var clients = new KafkaClientMetrics(_registry);
        _metrics = new IngestionMetrics(_registry, ["feedback"], new ChannelLabel(["store", "web"]), new KafkaConsumerMetrics(_registry, clients, TimeProvider.System));
    }

    private static PipelineResult Applied(string channel, IntakeOutcome outcome, long consumedAt = 0, int partition = 0) => new(
        new RawFeedback(new byte[1], new SourcePosition("feedback", partition, 1)) { ConsumedAt = consumedAt },
        new FeedbackEvent("e", DateTimeOffset.UtcNow, "s0", channel, new Dictionary<string, double> { ["waiting-time"] = 4 }),
        outcome,
        null);

    private static PipelineResult Rejected(RejectionReason reason) =>
        new(new RawFeedback(new byte[1], new SourcePosition("feedback", 2, 9)) { ConsumedAt = Stopwatch.GetTimestamp() }, null, null, new Rejection(reason, "bad"));

    [Fact]
    public async Task Every_known_label_combination_is_exposed_at_zero_before_any_message()
    {
        var samples = await Exposition.ScrapeAsync(_registry);
        foreach (var channel in new[] { "store", "web", "other", "rejected" })
            Assert.Equal(0, samples[$"streamcx_events_consumed_total{{topic=\"feedback\",channel=\"{channel}\"}}"]);
        foreach (var code in RejectionReasonCodes.All)
            Assert.Equal(0, samples[$"streamcx_events_rejected_total{{reason=\"{code}\"}}"]);
        Assert.Equal(0, samples["streamcx_events_late_total{lateness=\"late\"}"]);
        Assert.Equal(0, samples["streamcx_events_late_total{lateness=\"too_late\"}"]);
        Assert.Equal(0, samples["streamcx_events_duplicate_total"]);
        Assert.Equal(0, samples["streamcx_event_processing_latency_seconds_count"]);
    }

    [Fact]
    public async Task Messages_are_counted_by_channel_outcome_and_reason()
    {
        _metrics.Observe(Applied("store", IntakeOutcome.OnTime));
        _metrics.Observe(Applied("STORE", IntakeOutcome.Late));
        _metrics.Observe(Applied("web", IntakeOutcome.TooLate));
        _metrics.Observe(Applied("web", IntakeOutcome.Duplicate));
        _metrics.Observe(Applied("carrier-pigeon", IntakeOutcome.OnTime));
        _metrics.Observe(Applied(new string('x', 10_000), IntakeOutcome.OnTime));
        _metrics.Observe(Rejected(RejectionReason.NotJson));
        _metrics.Observe(Rejected(RejectionReason.NotJson));
        _metrics.Observe(Rejected(RejectionReason.UnknownSite));

        var samples = await Exposition.ScrapeAsync(_registry);
        Assert.Equal(2, samples["streamcx_events_consumed_total{topic=\"feedback\",channel=\"store\"}"]);
        Assert.Equal(2, samples["streamcx_events_consumed_total{topic=\"feedback\",channel=\"web\"}"]);
        Assert.Equal(2, samples["streamcx_events_consumed_total{topic=\"feedback\",channel=\"other\"}"]);
        Assert.Equal(3, samples["streamcx_events_consumed_total{topic=\"feedback\",channel=\"rejected\"}"]);
        Assert.Equal(2, samples["streamcx_events_rejected_total{reason=\"not-json\"}"]);
        Assert.Equal(1, samples["streamcx_events_rejected_total{reason=\"unknown-site\"}"]);
        Assert.Equal(1, samples["streamcx_events_late_total{lateness=\"late\"}"]);
        Assert.Equal(1, samples["streamcx_events_late_total{lateness=\"too_late\"}"]);
        Assert.Equal(1, samples["streamcx_events_duplicate_total"]);
        Assert.Equal(4, samples.Keys.Count(k => k.StartsWith("streamcx_events_consumed_total{", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Processing_latency_is_observed_for_messages_that_reached_their_site_and_carry_a_consumption_time()
    {
        var consumedAt = Stopwatch.GetTimestamp() - Stopwatch.Frequency / 5; // 200 ms ago
        _metrics.Observe(Applied("store", IntakeOutcome.OnTime, consumedAt));
        _metrics.Observe(Applied("store", IntakeOutcome.Duplicate, consumedAt));
        _metrics.Observe(Applied("store", IntakeOutcome.OnTime, consumedAt: 0)); // not consumed from Kafka: no time to measure
        _metrics.Observe(Rejected(RejectionReason.OutOfScale)); // dead-lettered, not applied

        var samples = await Exposition.ScrapeAsync(_registry);
        Assert.Equal(2, samples["streamcx_event_processing_latency_seconds_count"]);
        Assert.Equal(0, samples["streamcx_event_processing_latency_seconds_bucket{le=\"0.1\"}"]);
        Assert.Equal(2, samples["streamcx_event_processing_latency_seconds_bucket{le=\"0.25\"}"]);
        Assert.InRange(samples["streamcx_event_processing_latency_seconds_sum"], 0.4, 0.45);
    }

    [Fact]
    public async Task Without_a_consumer_no_partition_series_is_exposed()
    {
        _metrics.Observe(Applied("store", IntakeOutcome.OnTime, partition: 3));
        var samples = await Exposition.ScrapeAsync(_registry);
        Assert.Equal(0, samples["streamcx_kafka_consumer_assigned_partitions"]);
        Assert.DoesNotContain(samples.Keys, k => k.StartsWith("streamcx_kafka_consumer_lag", StringComparison.Ordinal));
    }
}
