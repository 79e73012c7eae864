using CsCheck;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Processing;
using StreamCx.Domain.Tests.TestSupport;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Tests.Processing;

/// <summary>The peer-window sums a monitor keeps observation by observation equal the sums over its buckets.</summary>
public sealed class PeerWindowStatsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Kept_peer_window_equals_the_window_summed_from_the_buckets()
    {
        var settings = new DetectionSettings();
        var catalog = TestCatalog.Create();
        var gen = Gen.Select(Gen.Int[-90, 30], Gen.Int[1, 5], (minutes, value) => (minutes, value)).Array[20, 400];
        gen.Sample(script =>
        {
            var monitor = new AttributeMonitor(catalog.Site(TestCatalog.LilleCentre), catalog.Attribute(TestCatalog.WaitingTime), settings);
            var now = T0;
            var n = 0;
            foreach (var (minutes, value) in script)
            {
                now = minutes > 0 ? now.AddMinutes(minutes) : now; // forward moves the window, backward ones are late
                var at = minutes > 0 ? now : now.AddMinutes(minutes);
                monitor.Apply(new AttributeObservation(TestCatalog.WaitingTime, $"e{n++}", at, "web", value, null, null), Lateness.OnTime);
                var kept = monitor.PeerWindowStats;
                var summed = monitor.Score(new SparklineSpec(TimeSpan.FromHours(1), 4)).Window;
                Assert.Equal(summed.Count, kept.Count);
                Assert.Equal(summed.Dissatisfied, kept.Dissatisfied);
                Assert.Equal(summed.Sum, kept.Sum, 9);
                Assert.Equal(summed.SumSquares, kept.SumSquares, 9);
            }
        }, iter: 3000); // well under 1 ms a run: the default 100 scripts cost nothing
    }
}
