using StreamCx.Domain.EventTime;

namespace StreamCx.Domain.Tests.EventTime;

public sealed class EventTimeFrontierTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static EventTimeFrontier Frontier() => new(new EventTimeSettings { Corroboration = 1, IdleTimeout = TimeSpan.FromSeconds(10), CaughtUpWait = TimeSpan.FromSeconds(1) });

    [Fact]
    public void It_is_the_minimum_of_the_inputs_that_hold_back()
    {
        var f = Frontier();
        f.Observe("store-0", T0.AddHours(3), Now);
        f.Observe("web-0", T0.AddHours(1), Now);

        Assert.Equal(T0.AddHours(1).AddTicks(-1), f.Advance(Now)); // just before: web-0 may still deliver more at its time
    }

    [Fact]
    public void An_input_behind_the_others_is_not_late_for_them()
    {
        var f = Frontier();
        f.Observe("store-0", T0.AddHours(30), Now);
        f.Observe("web-0", T0, Now);
        f.Advance(Now);

        Assert.Equal(Arrival.InOrder, f.Observe("web-0", T0.AddHours(2), Now));
        Assert.Equal(T0.AddHours(2).AddTicks(-1), f.Advance(Now));
    }

    [Fact]
    public void An_input_that_holds_back_may_still_deliver_more_events_at_its_own_time_so_another_at_that_time_is_in_order()
    {
        // second-resolution timestamps: several events of one input at the same second, the others already ahead
        var f = Frontier();
        f.Observe("web-0", T0, Now);
        f.Observe("store-0", T0.AddSeconds(5), Now);
        Assert.Equal(T0.AddTicks(-1), f.Advance(Now)); // web-0's events at T0 are not all in yet

        Assert.Equal(Arrival.InOrder, f.Observe("web-0", T0, Now));
        Assert.Equal(Arrival.Late, f.Observe("web-0", T0.AddTicks(-1), Now)); // behind the frontier: web-0 passed that time
        f.Observe("web-0", T0.AddSeconds(6), Now);
        Assert.Equal(T0.AddSeconds(5).AddTicks(-1), f.Advance(Now)); // now store-0 may still bring more at its time
    }

    [Fact]
    public void A_reported_input_that_holds_back_may_still_deliver_more_events_at_its_reported_time()
    {
        var f = Frontier();
        f.Report(new InputReport("web-0", T0, CaughtUp: false), Now);
        f.Report(new InputReport("store-0", T0.AddSeconds(5), CaughtUp: false), Now);
        f.Advance(Now);

        Assert.Equal(Arrival.InOrder, f.Classify(T0)); // one more of web-0 at T0, through the region topic after the report
        Assert.Equal(Arrival.Late, f.Classify(T0.AddTicks(-1)));
    }

    [Fact]
    public void A_caught_up_input_that_still_holds_back_for_its_next_fetch_may_bring_more_events_at_its_own_time()
    {
        var f = Frontier();
        f.Observe("web-0", T0, Now);
        f.CaughtUp("web-0", Now);
        f.Observe("store-0", T0.AddSeconds(5), Now);
        Assert.Equal(T0.AddTicks(-1), f.Advance(Now)); // overtaken: waits for its next fetch

        Assert.Equal(Arrival.InOrder, f.Observe("web-0", T0, Now.AddMilliseconds(500))); // produced at the same second, fetched a moment later
        f.CaughtUp("web-0", Now.AddMilliseconds(500));
        Assert.Equal(T0.AddTicks(-1), f.Advance(Now.AddMilliseconds(500))); // at its end again, overtaken: waits again
        Assert.Equal(T0.AddSeconds(5).AddTicks(-1), f.Advance(Now.AddSeconds(1.5))); // web-0 let go; store-0 may still bring more at its time
    }

    [Fact]
    public void Inputs_that_no_longer_hold_back_have_delivered_everything_at_their_time()
    {
        var f = Frontier();
        f.Observe("web-0", T0, Now);
        f.Observe("store-0", T0.AddSeconds(5), Now);
        f.CaughtUp("web-0", Now);
        f.CaughtUp("store-0", Now);

        Assert.Equal(T0.AddTicks(-1), f.Advance(Now)); // web-0, overtaken, waits a moment for its next fetch
        Assert.Equal(T0.AddSeconds(5), f.Advance(Now.AddSeconds(1))); // both read to their end, the wait over: all of it passed
        Assert.Equal(Arrival.Late, f.Observe("store-0", T0.AddSeconds(5), Now.AddSeconds(1)));
    }

    [Fact]
    public void A_caught_up_input_holds_back_for_the_caught_up_wait_then_no_longer_and_when_all_are_caught_up_it_is_the_furthest()
    {
        var f = Frontier();
        f.Observe("store-0", T0.AddHours(3), Now);
        f.Observe("web-0", T0.AddHours(1), Now);

        f.CaughtUp("web-0", Now);
        Assert.Equal(T0.AddHours(1).AddTicks(-1), f.Advance(Now)); // its next fetch may still bring more at its time
        Assert.Equal(T0.AddHours(1).AddTicks(-1), f.Advance(Now.AddMilliseconds(900)));
        Assert.Equal(T0.AddHours(3).AddTicks(-1), f.Advance(Now.AddSeconds(1))); // store-0, still delivering, may bring more at its time
        f.CaughtUp("store-0", Now.AddSeconds(1));
        Assert.Equal(T0.AddHours(3), f.Advance(Now.AddSeconds(1)));
    }

    [Fact]
    public void Feedback_fetched_a_moment_later_from_a_caught_up_input_is_still_in_order()
    {
        var f = Frontier();
        f.CaughtUp("store-0", Now); // both read to their end before anything was produced
        f.CaughtUp("web-0", Now);
        f.Observe("store-0", T0.AddHours(3), Now.AddSeconds(5)); // a burst produced on both: store's fetch comes first

        Assert.Null(f.Advance(Now.AddSeconds(5.5)));
        Assert.Equal(Arrival.InOrder, f.Observe("web-0", T0.AddHours(1), Now.AddSeconds(5.6)));
        Assert.Equal(T0.AddHours(1).AddTicks(-1), f.Advance(Now.AddSeconds(5.6)));
    }

    [Fact]
    public void The_caught_up_wait_runs_from_when_the_input_was_overtaken_not_from_when_it_was_caught_up()
    {
        var f = Frontier();
        f.Observe("store-0", T0.AddHours(1), Now);
        f.Observe("web-0", T0.AddHours(1), Now);
        f.CaughtUp("web-0", Now);
        Assert.Equal(T0.AddHours(1), f.Advance(Now.AddMinutes(5))); // nobody ahead: nothing to wait for

        f.Observe("store-0", T0.AddHours(2), Now.AddMinutes(10));
        Assert.Equal(T0.AddHours(1), f.Advance(Now.AddMinutes(10)));
        Assert.Equal(T0.AddHours(2).AddTicks(-1), f.Advance(Now.AddMinutes(10).AddSeconds(1))); // store-0 may still bring more at its time
    }

    [Fact]
    public void An_assigned_input_not_heard_from_holds_everything_until_it_speaks_or_goes_idle()
    {
        var f = Frontier();
        f.Assign("web-0", Now);
        f.Observe("store-0", T0.AddHours(3), Now);

        Assert.Null(f.Advance(Now.AddSeconds(5)));
        Assert.Equal(T0.AddHours(3), f.Advance(Now.AddSeconds(10)));
    }

    [Fact]
    public void It_never_moves_back_and_what_arrives_at_or_behind_it_is_late()
    {
        var f = Frontier();
        f.Observe("store-0", T0.AddHours(3), Now);
        f.Advance(Now);
        f.Observe("web-0", T0.AddHours(1), Now); // a new input, behind

        Assert.Equal(T0.AddHours(3).AddTicks(-1), f.Advance(Now));
        Assert.Equal(Arrival.Late, f.Observe("web-0", T0.AddHours(2), Now));
        Assert.Equal(Arrival.Late, f.Observe("store-0", T0.AddHours(3).AddTicks(-1), Now)); // at it
        Assert.Equal(Arrival.InOrder, f.Observe("store-0", T0.AddHours(3), Now)); // not behind it: store-0 may deliver more at its time
    }

    [Fact]
    public void A_revoked_input_no_longer_holds_back()
    {
        var f = Frontier();
        f.Observe("store-0", T0.AddHours(3), Now);
        f.Observe("web-0", T0.AddHours(1), Now);

        f.Revoke("web-0");

        Assert.Equal(T0.AddHours(3).AddTicks(-1), f.Advance(Now));
    }

    [Fact]
    public void An_outlier_is_early_and_does_not_move_the_frontier()
    {
        var f = new EventTimeFrontier(new EventTimeSettings { Corroboration = 3, OutlierThreshold = TimeSpan.FromHours(1) });
        foreach (var m in new[] { 0, 1, 2 }) f.Observe("store-0", T0.AddMinutes(m), Now);

        Assert.Equal(Arrival.InOrder, f.Observe("store-0", T0.AddMinutes(2), Now));
        Assert.Equal(Arrival.Early, f.Observe("store-0", T0.AddHours(6), Now));
        Assert.Equal(T0.AddMinutes(2).AddTicks(-1), f.Advance(Now));
        Assert.Equal(Arrival.InOrder, f.Observe("store-0", T0.AddMinutes(3), Now));
    }

    [Fact]
    public void Reported_inputs_hold_back_as_observed_ones_do_and_their_time_never_moves_back()
    {
        var f = Frontier();
        f.Report(new InputReport("store-0", T0.AddHours(3), CaughtUp: false), Now);
        f.Report(new InputReport("web-0", null, CaughtUp: false), Now); // assigned, not heard from yet

        Assert.Null(f.Advance(Now));
        f.Report(new InputReport("web-0", T0.AddHours(1), CaughtUp: false), Now);
        Assert.Equal(T0.AddHours(1).AddTicks(-1), f.Advance(Now));
        f.Report(new InputReport("web-0", T0, CaughtUp: false), Now); // an older report (a new owner starting over)
        Assert.Equal(T0.AddHours(1), f.Inputs["web-0"].Current);
        f.Report(new InputReport("web-0", T0.AddHours(1), CaughtUp: true), Now);
        Assert.Equal(T0.AddHours(1).AddTicks(-1), f.Advance(Now)); // read to its end: still holds for the caught-up wait
        Assert.Equal(T0.AddHours(3).AddTicks(-1), f.Advance(Now.AddSeconds(1)));
    }

    [Fact]
    public void An_input_its_reader_reports_idle_holds_nothing_back_however_often_it_is_reported()
    {
        var f = Frontier();
        f.Report(new InputReport("store-0", T0.AddHours(3), CaughtUp: false), Now);
        f.Report(new InputReport("web-0", null, CaughtUp: false), Now); // assigned, silent so far
        Assert.Null(f.Advance(Now));

        // its reader has heard nothing from it for the idle timeout (a stalled fetch, a partition nobody writes to):
        // reported every second from then on, it still does not hold the frontier
        for (var s = 1; s <= 30; s++) f.Report(new InputReport("web-0", null, CaughtUp: false, Idle: true), Now.AddSeconds(s));
        Assert.Equal(T0.AddHours(3).AddTicks(-1), f.Advance(Now.AddSeconds(30))); // store-0 alone holds back

        // first heard of as idle on a fresh frontier (an engine just given the region's partition): holds nothing either
        var fresh = Frontier();
        fresh.Report(new InputReport("store-0", T0.AddHours(3), CaughtUp: false), Now);
        fresh.Report(new InputReport("web-0", null, CaughtUp: false, Idle: true), Now);
        Assert.Equal(T0.AddHours(3).AddTicks(-1), fresh.Advance(Now));
    }

    [Fact]
    public void A_reported_input_whose_reader_falls_silent_holds_back_until_its_next_reader_reports_it_or_for_the_reader_timeout()
    {
        var f = new EventTimeFrontier(new EventTimeSettings { IdleTimeout = TimeSpan.FromSeconds(10), ReaderTimeout = TimeSpan.FromMinutes(2) });
        f.Report(new InputReport("store-0", T0.AddHours(3), CaughtUp: false), Now);
        f.Report(new InputReport("web-0", T0.AddHours(1), CaughtUp: false), Now); // its reader dies after this report

        for (var s = 1; s <= 60; s++) f.Report(new InputReport("store-0", T0.AddHours(3), CaughtUp: false), Now.AddSeconds(s));
        Assert.Equal(T0.AddHours(1).AddTicks(-1), f.Advance(Now.AddSeconds(60))); // a minute of silence (a rebalance): web-0's events are not passed
        f.Report(new InputReport("web-0", T0.AddHours(2), CaughtUp: false), Now.AddSeconds(61)); // its next reader
        Assert.Equal(T0.AddHours(2).AddTicks(-1), f.Advance(Now.AddSeconds(61)));

        Assert.Equal(T0.AddHours(2).AddTicks(-1), f.Advance(Now.AddSeconds(61 + 119)));
        Assert.Equal(T0.AddHours(3), f.Advance(Now.AddSeconds(61 + 120))); // nobody reported it for the reader timeout: let go
    }

    [Fact]
    public void An_idle_input_that_speaks_again_holds_back_again()
    {
        var f = Frontier();
        f.Report(new InputReport("store-0", T0.AddHours(3), CaughtUp: false), Now);
        f.Report(new InputReport("web-0", T0.AddHours(1), CaughtUp: false, Idle: true), Now);
        Assert.Equal(T0.AddHours(3).AddTicks(-1), f.Advance(Now));

        f.Report(new InputReport("store-0", T0.AddHours(5), CaughtUp: false), Now.AddSeconds(1));
        f.Report(new InputReport("web-0", T0.AddHours(4), CaughtUp: false), Now.AddSeconds(1)); // delivering again
        Assert.Equal(T0.AddHours(4).AddTicks(-1), f.Advance(Now.AddSeconds(1)));
    }

    [Fact]
    public void An_event_of_a_reported_input_is_late_only_behind_the_frontier()
    {
        var f = Frontier();
        f.Report(new InputReport("store-0", T0.AddHours(2), CaughtUp: false), Now);
        f.Advance(Now);

        Assert.Equal(Arrival.Late, f.Classify(T0.AddHours(2).AddTicks(-1)));
        Assert.Equal(Arrival.InOrder, f.Classify(T0.AddHours(2))); // its reader may still bring more at its time

        f.Report(new InputReport("store-0", T0.AddHours(2), CaughtUp: true), Now); // read to its end: all of it passed
        f.Advance(Now);
        Assert.Equal(Arrival.Late, f.Classify(T0.AddHours(2)));
        Assert.Equal(Arrival.InOrder, f.Classify(T0.AddHours(2).AddTicks(1)));
    }

    [Fact]
    public void Nothing_is_released_before_the_hold_has_passed()
    {
        var f = Frontier();
        f.HoldUntil(Now.AddSeconds(2));
        f.Report(new InputReport("store-0", T0.AddHours(2), CaughtUp: false), Now);

        Assert.Null(f.Advance(Now.AddSeconds(1)));
        Assert.Equal(T0.AddHours(2).AddTicks(-1), f.Advance(Now.AddSeconds(2)));
    }

    [Fact]
    public void Inputs_read_to_their_end_with_no_time_release_nothing_until_a_restored_snapshot_says_how_far_they_had_come()
    {
        var f = Frontier();
        f.Report(new InputReport("store-0", null, CaughtUp: true), Now); // assigned at their ends after a rebalance: nothing read
        f.Report(new InputReport("web-0", null, CaughtUp: true), Now);
        Assert.Null(f.Advance(Now));

        f.Seed(new InputReport("store-0", T0.AddHours(3), CaughtUp: true), unknownToo: true, Now);
        f.Seed(new InputReport("web-0", T0.AddHours(2), CaughtUp: true), unknownToo: true, Now);

        Assert.Equal(T0.AddHours(2).AddTicks(-1), f.Advance(Now)); // web-0, overtaken, still waits a moment for its next fetch
        Assert.Equal(T0.AddHours(2).AddTicks(-1), f.Advance(Now.AddSeconds(1))); // and for its reader to say it is still at its end
        f.Report(new InputReport("web-0", null, CaughtUp: true), Now.AddSeconds(1));
        Assert.Equal(T0.AddHours(3), f.Advance(Now.AddSeconds(1)));
    }

    [Fact]
    public void A_restored_input_not_heard_of_since_holds_back_as_it_did_until_its_reader_speaks()
    {
        var f = Frontier();
        f.Report(new InputReport("store-0", T0.AddHours(5), CaughtUp: true), Now);

        f.Seed(new InputReport("web-0", T0.AddHours(2), CaughtUp: false), unknownToo: true, Now); // its reader was still delivering

        Assert.Equal(T0.AddHours(2).AddTicks(-1), f.Advance(Now.AddSeconds(30)));
        f.Report(new InputReport("web-0", T0.AddHours(4), CaughtUp: true), Now.AddSeconds(30)); // its next reader speaks
        Assert.Equal(T0.AddHours(4).AddTicks(-1), f.Advance(Now.AddSeconds(32))); // caught up, overtaken: a moment for its next fetch
        Assert.Equal(T0.AddHours(5), f.Advance(Now.AddSeconds(33)));
    }

    [Fact]
    public void A_reported_input_read_to_its_end_whose_reader_stops_reporting_it_holds_back_until_its_next_reader_reports_it()
    {
        var f = new EventTimeFrontier(new EventTimeSettings { CaughtUpWait = TimeSpan.FromSeconds(1), ReaderTimeout = TimeSpan.FromMinutes(2) });
        f.Report(new InputReport("store-0", T0.AddHours(1), CaughtUp: true), Now); // its reader read it to its end, then lost it (a rebalance) or died
        for (var s = 0; s <= 30; s++) f.Report(new InputReport("store-1", T0.AddHours(4).AddMinutes(s), CaughtUp: false), Now.AddSeconds(s));

        // more of store-0 may be on its way through its next reader: its events up to 4 h later would be behind the others
        Assert.Equal(T0.AddHours(1).AddTicks(-1), f.Advance(Now.AddSeconds(30)));
        f.Report(new InputReport("store-0", null, CaughtUp: false), Now.AddSeconds(31)); // its next reader: assigned, reading
        Assert.Equal(T0.AddHours(1).AddTicks(-1), f.Advance(Now.AddSeconds(31)));
        f.Report(new InputReport("store-0", T0.AddHours(3), CaughtUp: false), Now.AddSeconds(32));
        Assert.Equal(T0.AddHours(3).AddTicks(-1), f.Advance(Now.AddSeconds(32)));
    }

    [Fact]
    public void A_reported_input_read_to_its_end_whose_reader_says_nothing_more_is_let_go_after_the_reader_timeout()
    {
        var f = new EventTimeFrontier(new EventTimeSettings { CaughtUpWait = TimeSpan.FromSeconds(1), ReaderTimeout = TimeSpan.FromMinutes(2) });
        f.Report(new InputReport("store-0", T0.AddHours(1), CaughtUp: true), Now);
        f.Report(new InputReport("store-1", T0.AddHours(4), CaughtUp: false), Now);

        Assert.Equal(T0.AddHours(1).AddTicks(-1), f.Advance(Now.AddSeconds(119)));
        Assert.Equal(T0.AddHours(4), f.Advance(Now.AddSeconds(120))); // store-1 not heard of for as long either: neither holds back
    }

    [Fact]
    public void A_reported_input_read_to_its_end_is_passed_only_once_its_reader_says_so_after_the_others_moved_past_it()
    {
        var f = Frontier();
        f.Report(new InputReport("store-0", T0.AddHours(1), CaughtUp: true), Now);
        f.Report(new InputReport("store-1", T0.AddHours(4), CaughtUp: false), Now); // moves past store-0
        Assert.Equal(T0.AddHours(1).AddTicks(-1), f.Advance(Now));
        Assert.Equal(T0.AddHours(1).AddTicks(-1), f.Advance(Now.AddSeconds(5))); // what store-0's reader said came before: it may be stale

        f.Report(new InputReport("store-0", T0.AddHours(1), CaughtUp: true), Now.AddSeconds(5)); // said again, after
        Assert.Equal(T0.AddHours(4).AddTicks(-1), f.Advance(Now.AddSeconds(5))); // store-1, still delivering, may bring more at its time

        f.Report(new InputReport("store-1", T0.AddHours(6), CaughtUp: false), Now.AddSeconds(6)); // moves on
        Assert.Equal(T0.AddHours(4).AddTicks(-1), f.Advance(Now.AddSeconds(6)));
        f.Report(new InputReport("store-0", T0.AddHours(1), CaughtUp: true), Now.AddSeconds(7)); // its reader's next report
        Assert.Equal(T0.AddHours(6).AddTicks(-1), f.Advance(Now.AddSeconds(7)));
    }

    [Fact]
    public void A_restored_time_never_moves_an_input_back_and_adds_no_input_read_directly()
    {
        var f = Frontier();
        f.Observe("store-0", T0.AddHours(4), Now);

        f.Seed(new InputReport("store-0", T0.AddHours(1), CaughtUp: true), unknownToo: false, Now);
        f.Seed(new InputReport("web-0", T0.AddHours(9), CaughtUp: true), unknownToo: false, Now); // not assigned here

        Assert.Equal(T0.AddHours(4), f.Inputs["store-0"].Current);
        Assert.False(f.Inputs.ContainsKey("web-0"));
    }

    [Fact]
    public void The_known_inputs_are_the_same_instance_until_one_moves_or_changes_state()
    {
        var f = Frontier();
        f.Observe("store-0", T0.AddHours(1), Now);
        var first = f.Known;

        f.Observe("store-0", T0.AddMinutes(30), Now); // behind its time: it does not move
        Assert.Same(first, f.Known);
        f.CaughtUp("store-0", Now);
        var caughtUp = f.Known;
        Assert.NotSame(first, caughtUp);
        Assert.Equal([new InputReport("store-0", T0.AddHours(1), CaughtUp: true)], caughtUp);
        f.Revoke("store-0");
        Assert.Empty(f.Known);
    }

    [Fact]
    public void An_input_a_restored_snapshot_names_holds_everything_back_until_it_is_heard_of_or_its_saved_time_is_handed_over()
    {
        var f = Frontier();
        f.Report(new InputReport("store-0", T0.AddHours(5), CaughtUp: false), Now); // the only input reported on the channel read anew

        f.Expect("store-1", Now); // the region's holder read it too; its partition is moving to another engine
        Assert.Null(f.Advance(Now.AddSeconds(30)));

        f.Seed(new InputReport("store-1", T0.AddHours(2), CaughtUp: false), unknownToo: true, Now.AddSeconds(31)); // read up to where it was saved
        Assert.Equal(T0.AddHours(2).AddTicks(-1), f.Advance(Now.AddSeconds(31)));
        f.Report(new InputReport("store-1", T0.AddHours(4), CaughtUp: false), Now.AddSeconds(32)); // its next reader
        Assert.Equal(T0.AddHours(4).AddTicks(-1), f.Advance(Now.AddSeconds(32)));
    }

    [Fact]
    public void Expecting_an_input_already_heard_of_changes_nothing()
    {
        var f = Frontier();
        f.Report(new InputReport("store-0", T0.AddHours(5), CaughtUp: false), Now);
        f.Report(new InputReport("store-1", T0.AddHours(3), CaughtUp: false), Now);

        f.Expect("store-1", Now);

        Assert.Equal(T0.AddHours(3).AddTicks(-1), f.Advance(Now));
    }

    [Fact]
    public void A_reader_reports_an_input_idle_only_while_it_goes_on_delivering_others()
    {
        var f = Frontier();
        f.Assign("store-0", Now);
        f.Assign("store-1", Now);
        f.Observe("store-0", T0, Now);
        f.Observe("store-1", T0, Now);
        for (var s = 1; s <= 10; s++) f.Observe("store-0", T0.AddMinutes(s), Now.AddSeconds(s)); // store-1 delivers nothing more
        Assert.Equal([false, true], f.Reports(Now.AddSeconds(10)).OrderBy(r => r.Input).Select(r => r.Idle));

        // nothing delivered at all for the idle timeout (a rebalance, a pause): what is unread may still come
        Assert.Equal([false, false], f.Reports(Now.AddSeconds(20)).OrderBy(r => r.Input).Select(r => r.Idle));
        Assert.All(f.Reports(Now.AddSeconds(20)), r => Assert.False(r.CaughtUp));
    }

    [Fact]
    public void A_reader_never_reports_idle_an_input_it_knows_has_unread_data()
    {
        // a backlog: the consumer hands over a long run of store-0 while store-1's fetched records wait behind it
        var f = Frontier();
        f.Assign("store-0", Now);
        f.Assign("store-1", Now);
        f.Observe("store-1", T0, Now);
        for (var s = 1; s <= 30; s++) f.Observe("store-0", T0.AddMinutes(s), Now.AddSeconds(s));
        Assert.Equal([false, false], f.Reports(Now.AddSeconds(30), unread: input => input == "store-1").OrderBy(r => r.Input).Select(r => r.Idle));

        // its records all taken, it is silent because nothing more was produced: idle
        Assert.Equal([false, true], f.Reports(Now.AddSeconds(30), unread: _ => false).OrderBy(r => r.Input).Select(r => r.Idle));
    }

    [Fact]
    public void A_reader_that_says_in_one_report_that_one_input_moved_and_another_is_still_at_its_end_lets_the_other_be_passed()
    {
        var f = Frontier();
        f.Report([new InputReport("store-0", T0.AddHours(1), CaughtUp: true), new InputReport("store-1", T0.AddHours(1), CaughtUp: true)], Now);

        // its next report: store-1 moved on, store-0 (listed first) still read to its end
        f.Report([new InputReport("store-0", T0.AddHours(1), CaughtUp: true), new InputReport("store-1", T0.AddHours(2), CaughtUp: true)], Now);
        Assert.Equal(T0.AddHours(1).AddTicks(-1), f.Advance(Now)); // overtaken: the caught-up wait for its next fetch
        Assert.Equal(T0.AddHours(2), f.Advance(Now.AddSeconds(1)));
    }
}
