using StreamCx.Domain.EventTime;

namespace StreamCx.Domain.Tests.EventTime;

public sealed class InputWatermarkTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static InputWatermark Started(params int[] minutes)
    {
        var w = new InputWatermark(new EventTimeSettings { Corroboration = 3, OutlierThreshold = TimeSpan.FromHours(1) });
        foreach (var m in minutes) w.Observe(T0.AddMinutes(m), Now);
        return w;
    }

    [Fact]
    public void Starts_from_the_earliest_of_its_first_events_once_it_has_enough_of_them()
    {
        var w = Started(10, 0);
        Assert.Null(w.Current);

        w.Observe(T0.AddMinutes(5), Now);

        Assert.Equal(T0.AddMinutes(10), w.Current); // from 0, on through 5 and 10 (in range)
    }

    [Fact]
    public void A_first_event_far_ahead_does_not_set_the_start()
    {
        var w = Started(600, 0, 1); // a wrong clock first, then the genuine stream

        Assert.Equal(T0.AddMinutes(1), w.Current);
    }

    [Fact]
    public void Events_in_range_move_it_forward_and_never_back()
    {
        var w = Started(0, 1, 2, 30, 20);
        Assert.Equal(T0.AddMinutes(30), w.Current);
        w.Observe(T0.AddMinutes(25), Now);

        Assert.Equal(T0.AddMinutes(30), w.Current);
    }

    [Fact]
    public void A_lone_event_far_ahead_is_an_outlier_and_does_not_move_it()
    {
        var w = Started(0, 1, 2);

        Assert.False(w.Observe(T0.AddHours(5), Now));
        Assert.True(w.Observe(T0.AddMinutes(3), Now));

        Assert.Equal(T0.AddMinutes(3), w.Current);
        Assert.Equal(1, w.Outliers);
    }

    [Fact]
    public void Enough_events_far_ahead_in_a_row_are_a_genuine_jump_to_the_earliest_of_them()
    {
        var w = Started(0, 1, 2);

        w.Observe(T0.AddHours(12).AddMinutes(2), Now);
        w.Observe(T0.AddHours(12), Now);
        Assert.Equal(T0.AddMinutes(2), w.Current);
        Assert.True(w.Observe(T0.AddHours(12).AddMinutes(1), Now));

        Assert.Equal(T0.AddHours(12).AddMinutes(2), w.Current);
    }

    [Fact]
    public void An_outlier_run_broken_by_a_genuine_event_starts_over()
    {
        var w = Started(0, 1, 2);

        w.Observe(T0.AddHours(5), Now);
        w.Observe(T0.AddHours(5), Now);
        w.Observe(T0.AddMinutes(4), Now);
        w.Observe(T0.AddHours(5), Now);

        Assert.Equal(T0.AddMinutes(4), w.Current);
        Assert.Equal(3, w.Outliers);
    }

    [Fact]
    public void Caught_up_with_fewer_first_events_than_needed_starts_at_the_earliest_seen()
    {
        var w = Started(7, 3);

        w.MarkCaughtUp(Now);

        Assert.Equal(T0.AddMinutes(7), w.Current);
        Assert.False(w.HoldsBack(Now, furthest: null));
    }

    [Fact]
    public void It_holds_the_others_back_until_silent_for_the_idle_timeout_or_caught_up_and_overtaken_for_the_caught_up_wait()
    {
        var w = new InputWatermark(new EventTimeSettings { IdleTimeout = TimeSpan.FromSeconds(10), CaughtUpWait = TimeSpan.FromSeconds(1) });
        w.Observe(T0, Now);

        Assert.True(w.HoldsBack(Now.AddSeconds(9.9), T0.AddHours(1)));
        Assert.False(w.HoldsBack(Now.AddSeconds(10), T0.AddHours(1)));
        w.MarkCaughtUp(Now);
        Assert.False(w.HoldsBack(Now, furthest: T0));
        Assert.True(w.HoldsBack(Now.AddSeconds(2), furthest: T0.AddHours(1)));
        Assert.False(w.HoldsBack(Now.AddSeconds(3), furthest: T0.AddHours(1)));
        w.Observe(T0.AddMinutes(1), Now.AddSeconds(4));
        Assert.True(w.HoldsBack(Now.AddSeconds(4), T0.AddHours(1)));
    }

    [Fact]
    public void Silent_for_the_idle_timeout_since_it_was_assigned_or_last_delivered_it_is_idle_until_it_delivers_again()
    {
        var w = new InputWatermark(new EventTimeSettings { IdleTimeout = TimeSpan.FromSeconds(10) });
        w.Seen(Now); // assigned

        Assert.False(w.IsIdle(Now.AddSeconds(9.9)));
        Assert.True(w.IsIdle(Now.AddSeconds(10)));
        w.Observe(T0, Now.AddSeconds(11));
        Assert.False(w.IsIdle(Now.AddSeconds(11)));
        w.MarkCaughtUp(Now.AddSeconds(12));
        Assert.False(w.IsIdle(Now.AddSeconds(60))); // read to its end: caught up, not idle
    }
}
