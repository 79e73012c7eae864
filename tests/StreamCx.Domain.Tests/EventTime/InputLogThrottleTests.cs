using StreamCx.Domain.EventTime;

namespace StreamCx.Domain.Tests.EventTime;

public sealed class InputLogThrottleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_first_early_event_of_an_input_is_logged_then_at_most_one_a_minute()
    {
        var throttle = new InputLogThrottle();
        Assert.True(throttle.ShouldLog("feedback/0", T0));
        Assert.False(throttle.ShouldLog("feedback/0", T0.AddSeconds(1)));
        Assert.False(throttle.ShouldLog("feedback/0", T0.AddSeconds(59.999)));
        Assert.True(throttle.ShouldLog("feedback/0", T0.AddMinutes(1)));
        Assert.False(throttle.ShouldLog("feedback/0", T0.AddMinutes(1.5)));
    }

    [Fact]
    public void Each_input_has_its_own_minute()
    {
        var throttle = new InputLogThrottle();
        Assert.True(throttle.ShouldLog("feedback/0", T0));
        Assert.True(throttle.ShouldLog("feedback/1", T0.AddSeconds(1)));
        Assert.False(throttle.ShouldLog("feedback/1", T0.AddSeconds(2)));
    }
}
