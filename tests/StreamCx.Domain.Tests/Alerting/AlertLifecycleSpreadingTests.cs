using StreamCx.Domain.Alerting;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Tests.Alerting;

/// <summary>
/// An alert at its peak updates no more often than the minimum interval, but one that starts to spread (a social factor joins)
/// is news at once.
/// </summary>
public sealed class AlertLifecycleSpreadingTests
{
    private static readonly DateTimeOffset Opened = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly WindowStats Poor = new(20, 15, 40, 100);

    private static Signal Trend(double strength) => new(new TrendFactor(-0.5, -8, 4.2, 2.1, 80, 3), strength, 4.2);

    private static Signal Peer => new(new PeerFactor(2.1, 4, -5, 6), 0.5, 4);

    private static Signal Social => new(new SocialFactor("s", 6, 30, 0.1, 0.2, 12, 9000, 60, 1e-6, "Waiting time"), 0.8, double.NaN);

    private static AlertLifecycle OpenAtItsPeak()
    {
        var lifecycle = new AlertLifecycle("s", "waiting-time", new DetectionSettings());
        Assert.Equal(AlertStatus.Open, lifecycle.Step([Trend(0.95)], null, Poor, Opened)!.Status);
        return lifecycle;
    }

    [Fact]
    public void A_social_factor_joining_an_alert_at_its_peak_updates_it_at_once()
    {
        var lifecycle = OpenAtItsPeak();

        var spreading = lifecycle.Step([Trend(0.95), Social], null, Poor, Opened.AddMinutes(5));

        Assert.NotNull(spreading);
        Assert.Equal((AlertStatus.Updated, 2), (spreading.Status, spreading.Sequence));
        Assert.Contains(spreading.Signals, s => s.Factor is SocialFactor);
        Assert.Null(lifecycle.Step([Trend(0.95), Social], null, Poor, Opened.AddMinutes(10))); // still spreading: nothing new
    }

    [Fact]
    public void Another_factor_joining_an_alert_at_its_peak_waits_for_the_interval()
    {
        var lifecycle = OpenAtItsPeak();

        Assert.Null(lifecycle.Step([Trend(0.95), Peer], null, Poor, Opened.AddMinutes(5)));
        Assert.Equal(AlertStatus.Updated, lifecycle.Step([Trend(0.95), Peer], null, Poor, Opened.AddMinutes(31))!.Status);
    }
}
