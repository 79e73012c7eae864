using Prometheus;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Processing;
using StreamCx.Engine.Pipeline;
using StreamCx.Host.Metrics;
using StreamCx.Host.Metrics.Kafka;

namespace StreamCx.Host.Tests.Metrics;

/// <summary>Metrics per source type: consumed, rejected and flagged (uncatalogued) messages of feedback and the listening sources.</summary>
public class SourceMetricsTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly CollectorRegistry _registry = Prometheus.Metrics.NewCustomRegistry();
    private readonly IngestionMetrics _metrics;

    public SourceMetricsTests()
    {
        var clients = new KafkaClientMetrics(_registry);
        _metrics = new IngestionMetrics(_registry, ["feedback"], new ChannelLabel(["store", "phone"]), new KafkaConsumerMetrics(_registry, clients, TimeProvider.System));
    }

    private static RawFeedback Raw() => new(new byte[1], new SourcePosition("feedback", 0, 1));

    private static PipelineResult Listening(ListeningEvent e) => new(Raw(), null, null, null) { Listening = e };

    private static PipelineResult Rejected(string? type) => new(Raw(), null, null, new Rejection(RejectionReason.MissingField, "no reason") { MessageType = type });

    [Fact]
    public async Task Every_type_is_exposed_at_zero_before_any_message()
    {
        var samples = await Exposition.ScrapeAsync(_registry);

        foreach (var type in FeedbackParser.MessageTypes)
        {
            Assert.Equal(0, samples[$"streamcx_source_messages_consumed_total{{type=\"{type}\"}}"]);
            Assert.Equal(0, samples[$"streamcx_source_messages_rejected_total{{type=\"{type}\"}}"]);
        }
        Assert.Equal(0, samples["streamcx_source_messages_rejected_total{type=\"unknown\"}"]);
        Assert.Equal(0, samples["streamcx_source_messages_flagged_total{type=\"complaint\",catalog=\"complaint_reason\"}"]);
        Assert.Equal(0, samples["streamcx_source_messages_flagged_total{type=\"social-mention\",catalog=\"platform\"}"]);
    }

    [Fact]
    public async Task Listening_messages_are_counted_by_type_and_uncatalogued_values_by_catalog()
    {
        _metrics.Observe(Listening(new Complaint("c1", At, "phone", "long-wait") { SiteId = "s0" }));
        _metrics.Observe(Listening(new Complaint("c2", At, "phone", "price-hike") { SiteId = "s0", Flags = CatalogFlags.UnknownReason }));
        _metrics.Observe(Listening(new Incident("i1", At, "flood") { SiteId = "s0", Flags = CatalogFlags.UnknownIncidentType }));
        _metrics.Observe(Listening(new SocialMention("m1", At, "x", -0.5, 10, "https://x.example/1")));
        _metrics.Observe(Rejected("social-mention"));
        _metrics.Observe(Rejected(null));

        var samples = await Exposition.ScrapeAsync(_registry);
        Assert.Equal(2, samples["streamcx_source_messages_consumed_total{type=\"complaint\"}"]);
        Assert.Equal(1, samples["streamcx_source_messages_consumed_total{type=\"incident\"}"]);
        Assert.Equal(1, samples["streamcx_source_messages_consumed_total{type=\"social-mention\"}"]);
        Assert.Equal(1, samples["streamcx_source_messages_flagged_total{type=\"complaint\",catalog=\"complaint_reason\"}"]);
        Assert.Equal(1, samples["streamcx_source_messages_flagged_total{type=\"incident\",catalog=\"incident_type\"}"]);
        Assert.Equal(0, samples["streamcx_source_messages_flagged_total{type=\"social-mention\",catalog=\"platform\"}"]);
        Assert.Equal(1, samples["streamcx_source_messages_rejected_total{type=\"social-mention\"}"]);
        Assert.Equal(1, samples["streamcx_source_messages_rejected_total{type=\"unknown\"}"]);
        // a complaint is counted under its channel; a message without a channel under 'other', never as rejected
        Assert.Equal(2, samples["streamcx_events_consumed_total{topic=\"feedback\",channel=\"phone\"}"]);
        Assert.Equal(2, samples["streamcx_events_consumed_total{topic=\"feedback\",channel=\"other\"}"]);
        Assert.Equal(2, samples["streamcx_events_consumed_total{topic=\"feedback\",channel=\"rejected\"}"]);
    }

    [Fact]
    public async Task Feedback_is_counted_once_applied_and_flagged_by_department_or_role()
    {
        var e = new FeedbackEvent("e1", At, "s0", "store", new Dictionary<string, double>()) { Nps = 9, Flags = CatalogFlags.UnknownDepartment };
        _metrics.Observe(new PipelineResult(Raw(), e, IntakeOutcome.OnTime, null));
        _metrics.Observe(new PipelineResult(Raw(), e, IntakeOutcome.Duplicate, null));

        var samples = await Exposition.ScrapeAsync(_registry);
        Assert.Equal(1, samples["streamcx_source_messages_consumed_total{type=\"feedback\"}"]);
        Assert.Equal(1, samples["streamcx_source_messages_flagged_total{type=\"feedback\",catalog=\"department\"}"]);
        Assert.Equal(0, samples["streamcx_source_messages_flagged_total{type=\"feedback\",catalog=\"contact_role\"}"]);
    }
}
