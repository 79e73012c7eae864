using System.Diagnostics;
using Prometheus;
using StreamCx.Domain.Contracts;
using StreamCx.Engine.Telemetry;
using StreamCx.Host.Metrics;

namespace StreamCx.Host.Tests.Metrics;

public class EngineMetricsTests
{
    private readonly CollectorRegistry _registry = Prometheus.Metrics.NewCustomRegistry();
    private readonly EngineMetrics _metrics;

    public EngineMetricsTests() => _metrics = new EngineMetrics(_registry);

    private static Alert Alert(string id, AlertStatus status, SeverityLevel level, params Factor[] factors)
    {
        var at = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        return new Alert(id, status, 1, "s0", "Site 0", "r0", "waiting-time", "Waiting time", 0.5, level, factors,
            new ScoreSummary(3, 40, 30), at, at, new TimeWindow(at.AddHours(-1), at), "explained", []);
    }

    private static readonly Factor Trend = new TrendFactor(-0.1, -5, 4.2, 3.1, 100, 3);
    private static readonly Factor Peer = new PeerFactor(3.1, 4.3, -4, 5);

    [Fact]
    public async Task Actors_are_counted_by_kind_as_they_start_and_stop()
    {
        _metrics.ActorStarted(EngineActorKind.Site);
        _metrics.ActorStarted(EngineActorKind.Site);
        _metrics.ActorStarted(EngineActorKind.Attribute);
        _metrics.ActorStopped(EngineActorKind.Site);
        var samples = await Exposition.ScrapeAsync(_registry);
        Assert.Equal(1, samples["streamcx_actors_active{kind=\"site\"}"]);
        Assert.Equal(1, samples["streamcx_actors_active{kind=\"attribute\"}"]);
        Assert.Equal(0, samples["streamcx_actors_active{kind=\"region\"}"]);
    }

    [Fact]
    public async Task Emissions_are_counted_by_status_severity_and_factor_and_open_alerts_follow_their_lifecycle()
    {
        _metrics.AlertEmitted(Alert("a", AlertStatus.Open, SeverityLevel.High, Trend, Peer), 0);
        _metrics.AlertEmitted(Alert("a", AlertStatus.Updated, SeverityLevel.Critical, Trend), 0);
        _metrics.AlertEmitted(Alert("b", AlertStatus.Open, SeverityLevel.Low, Peer), 0);
        var before = await Exposition.ScrapeAsync(_registry);
        _metrics.AlertEmitted(Alert("a", AlertStatus.Resolved, SeverityLevel.Low), 0);
        _metrics.AlertEmitted(Alert("a", AlertStatus.Resolved, SeverityLevel.Low), 0); // a resolution seen twice counts once in the gauge
        var after = await Exposition.ScrapeAsync(_registry);

        Assert.Equal(2, before["streamcx_alerts_open"]);
        Assert.Equal(1, after["streamcx_alerts_open"]);
        Assert.Equal(1, after["streamcx_alerts_emitted_total{status=\"open\",severity=\"high\"}"]);
        Assert.Equal(1, after["streamcx_alerts_emitted_total{status=\"updated\",severity=\"critical\"}"]);
        Assert.Equal(2, after["streamcx_alerts_emitted_total{status=\"resolved\",severity=\"low\"}"]);
        Assert.Equal(1, after["streamcx_alert_factors_total{kind=\"trend\",severity=\"high\"}"]);
        Assert.Equal(1, after["streamcx_alert_factors_total{kind=\"peer\",severity=\"high\"}"]);
        Assert.Equal(1, after["streamcx_alert_factors_total{kind=\"trend\",severity=\"critical\"}"]);
        Assert.Equal(1, after["streamcx_alert_factors_total{kind=\"peer\",severity=\"low\"}"]);
        Assert.Equal(0, after["streamcx_alert_factors_total{kind=\"expectation\",severity=\"low\"}"]);
    }

    [Fact]
    public async Task Event_to_alert_latency_is_observed_only_when_the_tipping_event_time_is_known()
    {
        _metrics.AlertEmitted(Alert("a", AlertStatus.Open, SeverityLevel.High, Peer), Stopwatch.GetTimestamp() - Stopwatch.Frequency * 2); // 2 s ago
        _metrics.AlertEmitted(Alert("b", AlertStatus.Open, SeverityLevel.High, Peer), 0);
        var samples = await Exposition.ScrapeAsync(_registry);
        Assert.Equal(1, samples["streamcx_event_to_alert_latency_seconds_count"]);
        Assert.Equal(0, samples["streamcx_event_to_alert_latency_seconds_bucket{le=\"1\"}"]);
        Assert.Equal(1, samples["streamcx_event_to_alert_latency_seconds_bucket{le=\"2.5\"}"]);
    }

    [Fact]
    public async Task Snapshot_durations_and_failures_are_recorded()
    {
        _metrics.SnapshotSaved(TimeSpan.FromMilliseconds(20));
        _metrics.SnapshotFailed(TimeSpan.FromSeconds(3), new IOException("disk full"));
        var samples = await Exposition.ScrapeAsync(_registry);
        Assert.Equal(2, samples["streamcx_snapshot_duration_seconds_count"]);
        Assert.Equal(1, samples["streamcx_snapshot_failures_total"]);
        Assert.Equal(3.02, samples["streamcx_snapshot_duration_seconds_sum"], 6);
    }
}
