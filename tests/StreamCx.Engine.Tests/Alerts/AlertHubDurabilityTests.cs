using System.Reactive;
using StreamCx.Domain.Contracts;
using StreamCx.Engine.Alerts;

namespace StreamCx.Engine.Tests.Alerts;

/// <summary>
/// What a snapshot waits for: the emissions published before it are handled by the durable sink (the alerts topic's
/// producer), counted in the order the sink got them; with no durable sink nothing waits.
/// </summary>
public sealed class AlertHubDurabilityTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static Alert Emission(int sequence) => new(
        "alr-0000000000000001", sequence == 1 ? AlertStatus.Open : AlertStatus.Updated, sequence, "s1", "Site 1", "north",
        "waiting-time", "Waiting time", 0.7, SeverityLevel.High, [new PeerFactor(2.1, 4.2, -3.6, 8)], new ScoreSummary(2.1, 60, 35),
        At, At.AddSeconds(sequence), new TimeWindow(At.AddHours(-12), At), "Waiting time at Site 1 is well below its peers.", []);

    [Fact]
    public void Without_a_durable_sink_nothing_waits()
    {
        using var hub = new AlertHub(TimeProvider.System);
        hub.Publish(Emission(1));
        Assert.True(hub.WhenHandled(hub.Published).IsCompletedSuccessfully);
    }

    [Fact]
    public void A_snapshot_waits_until_the_durable_sink_handled_every_emission_published_before_it()
    {
        using var hub = new AlertHub(TimeProvider.System);
        hub.Publish(Emission(1)); // before the sink subscribed: not its to handle
        var got = new List<Alert>();
        using var sink = hub.SubscribeDurable(Observer.Create<Alert>(got.Add));
        Assert.True(hub.WhenHandled(1).IsCompletedSuccessfully);

        hub.Publish(Emission(2));
        hub.Publish(Emission(3));
        var second = hub.WhenHandled(2);
        var third = hub.WhenHandled(hub.Published);
        Assert.Equal(3, hub.Published);
        Assert.False(second.IsCompleted || third.IsCompleted);

        hub.Handled();
        Assert.True(second.Wait(TimeSpan.FromSeconds(5)));
        Assert.False(third.IsCompleted);
        hub.Handled();
        Assert.True(third.Wait(TimeSpan.FromSeconds(5)));
        Assert.Equal([2, 3], got.Select(a => a.Sequence));
    }

    [Fact]
    public void Waits_end_when_the_hub_is_disposed()
    {
        var hub = new AlertHub(TimeProvider.System);
        using var sink = hub.SubscribeDurable(Observer.Create<Alert>(_ => { }));
        hub.Publish(Emission(1));
        var waiting = hub.WhenHandled(1);
        hub.Dispose();
        Assert.True(waiting.IsCanceled);
    }
}
