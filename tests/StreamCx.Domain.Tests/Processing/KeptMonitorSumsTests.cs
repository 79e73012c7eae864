using CsCheck;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Processing;
using StreamCx.Domain.Snapshots;
using StreamCx.Domain.Tests.TestSupport;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Tests.Processing;

/// <summary>
/// A monitor that keeps its sums between evaluations emits exactly what a monitor restored from its snapshot just
/// before the evaluation (nothing kept) emits, over random streams with late observations, a learning profile and
/// monitors restored from an older snapshot (as after a rebalance).
/// </summary>
public sealed class KeptMonitorSumsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly double[] Peers = [3.6, 3.7, 3.8, 3.9, 4.0, 4.1];

    // Low thresholds and short windows, so that alerts open, update and resolve often in a short script.
    private static readonly DetectionSettings Settings = new()
    {
        TrendZ = 1.5,
        MinTrendRecentCount = 4,
        MinBaselineCount = 4,
        MinTrendEffect = 0.01,
        BaselineWindow = TimeSpan.FromHours(6),
        MinProfileDays = 1,
        MinHourCountForProfile = 1,
        MinExpectationCount = 4,
        ExpectationZ = 1.5,
        MinExpectationEffect = 0.01,
        MinPeerSampleSize = 4,
        MinRecentCount = 2,
        UpdateMinInterval = TimeSpan.FromMinutes(5),
        ResolveAfter = TimeSpan.FromMinutes(30),
    };

    [Fact]
    public void Kept_sums_emit_the_same_alerts_as_a_monitor_restored_from_its_snapshot()
    {
        var catalog = TestCatalog.Create();
        var site = catalog.Site(TestCatalog.LilleCentre);
        var attribute = catalog.Attribute(TestCatalog.WaitingTime);
        // minutes forward (0: same time; negative: a late observation that far back), value, restore from an older snapshot (0)
        var gen = Gen.Select(Gen.Int[-70, 12], Gen.Int[1, 5], Gen.Int[0, 60], (minutes, value, restore) => (minutes, value, restore)).Array[200, 1500];
        var alerts = 0;
        gen.Sample(script =>
        {
            var monitor = new AttributeMonitor(site, attribute, Settings);
            var now = T0;
            var n = 0;
            AttributeMonitorSnapshot? older = null;
            foreach (var (minutes, value, restore) in script)
            {
                if (minutes > 0) now = now.AddMinutes(minutes);
                var at = minutes < 0 ? now.AddMinutes(minutes) : now;
                // values fall with time, so that trends, expectations and peer gaps come and go
                var rating = Math.Clamp(value - ((n / 150) % 3), 1, 5);
                monitor.Apply(new AttributeObservation(attribute.AttributeId, $"e{n++}", at, "web", rating, null, null), Lateness.OnTime);
                if (restore == 0 && older is { } s)
                {
                    // as after a rebalance: a new monitor restored from an older snapshot goes on with the stream
                    monitor = new AttributeMonitor(site, attribute, Settings);
                    monitor.Restore(s);
                }
                if (n % 97 == 0) older = monitor.ToSnapshot();

                var fresh = new AttributeMonitor(site, attribute, Settings);
                fresh.Restore(monitor.ToSnapshot());
                var emittedAt = now;
                var kept = monitor.Evaluate(Peers, null, emittedAt);
                var expected = fresh.Evaluate(Peers, null, emittedAt);
                Assert.Equal(Json(expected), Json(kept));
                if (kept is not null) Interlocked.Increment(ref alerts);
            }
        }, iter: 300); // about 10 ms a run: three times the default 100 scripts
        Assert.True(alerts > 200, $"only {alerts} alerts emitted to compare");
    }

    private static string? Json(Alert? alert) => alert is null ? null : ContractJson.Serialize(alert);
}
