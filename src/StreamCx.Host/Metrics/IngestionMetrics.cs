using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Diagnostics;
using Prometheus;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Processing;
using StreamCx.Engine.Pipeline;
using StreamCx.Host.Metrics.Kafka;
using StreamCx.Kafka;

namespace StreamCx.Host.Metrics;

/// <summary>
/// Per-message metrics of the ingestion stream (prometheus-net). Label values are bounded: topics come from the
/// configuration, channels through <see cref="ChannelLabel"/>, reasons from <see cref="RejectionReasonCodes.All"/>.
/// Every combination known up front is created at zero so that <c>rate()</c> works from the first scrape.
/// </summary>
public sealed class IngestionMetrics : IIngestionMetrics
{
    internal static readonly double[] LatencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly ChannelLabel _channels;
    private readonly Counter _consumed;
    private readonly ConcurrentDictionary<(string Topic, string Channel), Counter.Child> _consumedBy = new();
    private readonly FrozenDictionary<string, Counter.Child> _rejectedBy;
    private readonly Counter.Child _late, _tooLate;
    private readonly Counter _duplicates;
    private readonly Histogram _processingLatency;
    private readonly KafkaConsumerMetrics _consumer;
    private readonly SourceMetrics _sources;

    public IngestionMetrics(CollectorRegistry registry, IEnumerable<string> topics, ChannelLabel channels, KafkaConsumerMetrics consumer)
    {
        _channels = channels;
        _consumer = consumer;
        var f = Prometheus.Metrics.WithCustomRegistry(registry);
        _consumed = f.CreateCounter("streamcx_events_consumed_total", "Messages taken from Kafka and processed, by topic and channel (rejected: refused messages, whatever their channel)", ["topic", "channel"]);
        foreach (var topic in topics)
            foreach (var channel in channels.Values)
                _consumedBy[(topic, channel)] = _consumed.WithLabels(topic, channel);
        var rejected = f.CreateCounter("streamcx_events_rejected_total", "Messages rejected and dead-lettered, by reason code", ["reason"]);
        _rejectedBy = RejectionReasonCodes.All.ToFrozenDictionary(code => code, code => rejected.WithLabels(code), StringComparer.Ordinal);
        var late = f.CreateCounter("streamcx_events_late_total",
            "Events behind their site's watermark: late (within the allowed lateness, windowed) or too_late (totals only)", ["lateness"]);
        _late = late.WithLabels("late");
        _tooLate = late.WithLabels("too_late");
        _sources = new SourceMetrics(f);
        _duplicates = f.CreateCounter("streamcx_events_duplicate_total", "Events whose eventId was already taken (counted once)");
        _processingLatency = f.CreateHistogram("streamcx_event_processing_latency_seconds",
            "Wall clock from taking a message from Kafka to its site actor having applied it (rejected messages excluded)",
            new HistogramConfiguration { Buckets = LatencyBuckets });
    }

    public void Attach(IKafkaConsumerControl consumer) => _consumer.Attach(consumer);

    public void Observe(PipelineResult result)
    {
        var position = result.Raw.Source ?? result.Raw.Position; // the feedback topic, also for what came through the region topic
        // a message with no channel of its own (a journey message, an incident, a social mention) is 'other', not 'rejected'
        var channel = result.IsRejected ? ChannelLabel.Rejected : _channels.For(result.Event?.Channel ?? (result.Listening as Complaint)?.Channel ?? "");
        if (!_consumedBy.TryGetValue((position.Topic, channel), out var consumed))
            consumed = _consumedBy.GetOrAdd((position.Topic, channel), static (k, c) => c.WithLabels(k.Topic, k.Channel), _consumed);
        consumed.Inc();

        if (result.Rejection is { } rejection)
        {
            if (_rejectedBy.TryGetValue(rejection.Code, out var rejected)) rejected.Inc();
            _sources.Rejected(rejection);
            return;
        }
        if (result.Listening is { } listening)
        {
            _sources.Consumed(listening.Type, listening.Flags);
            return;
        }
        if (result.Event is { } applied && !result.AlreadyApplied && result.Outcome != IntakeOutcome.Duplicate) _sources.Consumed("feedback", applied.Flags);
        if (result.Raw.ConsumedAt != 0) _processingLatency.Observe(Stopwatch.GetElapsedTime(result.Raw.ConsumedAt).TotalSeconds);
        switch (result.Outcome)
        {
            case IntakeOutcome.Duplicate: _duplicates.Inc(); return;
            case IntakeOutcome.Late: _late.Inc(); break;
            case IntakeOutcome.TooLate: _tooLate.Inc(); break;
        }
        if (result.Event is { } e) _consumer.EventApplied(position.Topic, position.Partition, e.OccurredAt);
    }
}
