using StreamCx.Domain.Alerting;
using StreamCx.Domain.Contracts;

namespace StreamCx.Domain.Tests.Live;

/// <summary>Alerts as the engine emits them, with only what a test cares about spelled out.</summary>
public static class TestAlerts
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static Alert Make(
        string alertId = "alr-0000000000000001", AlertStatus status = AlertStatus.Open, int sequence = 1, string siteId = "store-lille-centre",
        string regionId = "north", string attributeId = "waiting-time", double severity = 0.6, DateTimeOffset? emittedAt = null,
        IReadOnlyList<Factor>? factors = null) =>
        new(alertId, status, sequence, siteId, siteId, regionId, attributeId, attributeId, severity, Severity.LevelOf(severity),
            factors ?? [new PeerFactor(2.8, 4.3, -7.5, 5)], new ScoreSummary(2.8, 25, 32), T0, emittedAt ?? T0.AddSeconds(sequence),
            new TimeWindow(T0.AddHours(-12), T0), "Waiting time at Lille Centre needs attention.",
            [new Verbatim("e1", T0, "web", "<script>alert(1)</script>", 2)]);
}
