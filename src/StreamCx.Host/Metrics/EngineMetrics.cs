using System.Collections.Concurrent;
using System.Diagnostics;
using Prometheus;
using StreamCx.Domain.Contracts;
using StreamCx.Engine.Telemetry;

namespace StreamCx.Host.Metrics;

/// <summary>The engine's actor-side metrics (prometheus-net): actors, alert emissions, open alerts, snapshots.</summary>
public sealed class EngineMetrics : IEngineTelemetry
{
    internal static readonly double[] AlertLatencyBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
    internal static readonly double[] SnapshotBuckets = [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Gauge _actors;
    private readonly Counter _alerts, _factors, _snapshotFailures;
    private readonly Gauge _open;
    private readonly Histogram _alertLatency, _snapshotDuration;
    private readonly ConcurrentDictionary<string, byte> _openIds = new(StringComparer.Ordinal);

    public EngineMetrics(CollectorRegistry registry)
    {
        var f = Prometheus.Metrics.WithCustomRegistry(registry);
        _actors = f.CreateGauge("streamcx_actors_active", "Live actors by kind (site, attribute = one per site-attribute seen, region)", ["kind"]);
        _alerts = f.CreateCounter("streamcx_alerts_emitted_total", "Alert emissions by status (open, updated, resolved) and severity level", ["status", "severity"]);
        _factors = f.CreateCounter("streamcx_alert_factors_total", "Factors carried by alert emissions, by factor kind and severity level (an emission counts once per factor)", ["kind", "severity"]);
        _open = f.CreateGauge("streamcx_alerts_open", "Alerts opened and not resolved since the engine started");
        _alertLatency = f.CreateHistogram("streamcx_event_to_alert_latency_seconds",
            "Wall clock from taking the tipping event from Kafka to the alert emission",
            new HistogramConfiguration { Buckets = AlertLatencyBuckets });
        _snapshotDuration = f.CreateHistogram("streamcx_snapshot_duration_seconds", "Time to save a state snapshot, failed saves included",
            new HistogramConfiguration { Buckets = SnapshotBuckets });
        _snapshotFailures = f.CreateCounter("streamcx_snapshot_failures_total", "State snapshots that failed to save");
        foreach (var kind in Enum.GetValues<EngineActorKind>()) _actors.WithLabels(Label(kind));
        foreach (var severity in Enum.GetValues<SeverityLevel>())
        {
            foreach (var status in Enum.GetValues<AlertStatus>()) _alerts.WithLabels(Label(status), Label(severity));
            foreach (var kind in Enum.GetValues<FactorKind>()) _factors.WithLabels(Label(kind), Label(severity));
        }
    }

    public void ActorStarted(EngineActorKind kind) => _actors.WithLabels(Label(kind)).Inc();

    public void ActorStopped(EngineActorKind kind) => _actors.WithLabels(Label(kind)).Dec();

    public void AlertEmitted(Alert alert, long tippingEventConsumedAt)
    {
        if (tippingEventConsumedAt != 0) _alertLatency.Observe(Stopwatch.GetElapsedTime(tippingEventConsumedAt).TotalSeconds);
        var severity = Label(alert.SeverityLevel);
        _alerts.WithLabels(Label(alert.Status), severity).Inc();
        foreach (var kind in alert.Factors.Select(f => f.Kind).Distinct()) _factors.WithLabels(Label(kind), severity).Inc();
        if (alert.Status == AlertStatus.Resolved)
        {
            if (_openIds.TryRemove(alert.AlertId, out _)) _open.Dec();
        }
        else if (_openIds.TryAdd(alert.AlertId, 0))
        {
            _open.Inc();
        }
    }

    public void SnapshotSaved(TimeSpan duration) => _snapshotDuration.Observe(duration.TotalSeconds);

    public void SnapshotFailed(TimeSpan duration, Exception error)
    {
        _snapshotDuration.Observe(duration.TotalSeconds);
        _snapshotFailures.Inc();
    }

    private static string Label<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
