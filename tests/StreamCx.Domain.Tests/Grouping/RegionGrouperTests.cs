using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Grouping;
using StreamCx.Domain.Tests.Live;
using static StreamCx.Domain.Tests.Grouping.GroupTestAlerts;

namespace StreamCx.Domain.Tests.Grouping;

public sealed class RegionGrouperTests
{
    private static List<Alert> Route(RegionGrouper grouper, params Alert[] alerts)
    {
        var output = new List<Alert>();
        foreach (var alert in alerts) grouper.Route(alert, output);
        return output;
    }

    private static GroupFactor FactorOf(Alert a) => Assert.IsType<GroupFactor>(Assert.Single(a.Factors));

    [Fact]
    public void Three_sites_of_a_region_falling_together_give_one_region_group_naming_them_and_later_sites_join_it_silently()
    {
        var grouper = new RegionGrouper("r0", Catalog, Settings);
        var output = Route(grouper, Open("s00", 0), Open("s01", 20), Open("s02", 40), Open("s03", 60));

        // the first two are notified before the group forms; the third forms it and the fourth joins it, neither notified on its own
        Assert.Equal(["alr-s00", "alr-s01"], output.Where(a => a.Factors is not [GroupFactor]).Select(a => a.AlertId));
        var group = output.Where(a => a.Factors is [GroupFactor]).ToList();
        Assert.Equal([(AlertStatus.Open, 1), (AlertStatus.Updated, 2)], group.Select(g => (g.Status, g.Sequence)));
        Assert.Single(group.Select(g => g.AlertId).Distinct());
        Assert.Matches("^alr-[0-9a-f]{16}$", group[0].AlertId);
        Assert.Equal(["s00", "s01", "s02"], FactorOf(group[0]).SiteIds);
        Assert.Equal(["s00", "s01", "s02", "s03"], FactorOf(group[1]).SiteIds);
        Assert.Equal(["alr-s00", "alr-s01"], FactorOf(group[1]).FoldedAlertIds);
        Assert.Equal(GroupFactor.RegionScope, FactorOf(group[0]).Scope);
        Assert.StartsWith("Waiting time fell at 3 sites of region r0 since 09:00: Site 0-0, Site 0-1, Site 0-2", group[0].Explanation);
        Assert.Equal(group[0].RaisedAt, TestAlerts.T0.AddMinutes(40));
    }

    [Fact]
    public void A_site_clearly_worse_than_its_group_keeps_its_own_alert()
    {
        var grouper = new RegionGrouper("r0", Catalog, Settings);
        var worse = Open("s04", 70, mean: 2.1); // more than 0.1 × 4 points below the members' median (3.2)
        var output = Route(grouper, Open("s00", 0), Open("s01", 20), Open("s02", 40), Open("s03", 60, mean: 3.0), worse);

        Assert.Contains(output, a => a.AlertId == worse.AlertId);
        Assert.DoesNotContain(output, a => a.AlertId is "alr-s02" or "alr-s03");
        var last = output.Last();
        Assert.Contains("s04", FactorOf(last).SiteIds); // it is in the group too
        Assert.DoesNotContain(worse.AlertId, FactorOf(last).FoldedAlertIds); // but stays at the top of the page
        Assert.Contains(Route(grouper, Next(worse, AlertStatus.Updated, 100)), a => a.AlertId == worse.AlertId);
    }

    [Fact]
    public void An_absorbed_site_that_later_falls_clearly_below_its_group_is_notified_from_that_update_on()
    {
        var grouper = new RegionGrouper("r0", Catalog, Settings);
        var absorbed = Open("s02", 40);
        Route(grouper, Open("s00", 0), Open("s01", 20), absorbed);

        var slightly = Next(absorbed, AlertStatus.Updated, 100) with { Score = new ScoreSummary(3.0, 30, 40) };
        Assert.Empty(Route(grouper, slightly)); // 0.2 below the group: still the group's

        var worse = Next(slightly, AlertStatus.Updated, 160) with { Score = new ScoreSummary(2.2, 60, 40) };
        var output = Route(grouper, worse);
        Assert.Equal(2, output.Count);
        Assert.Equal(worse.AlertId, output[0].AlertId);
        Assert.DoesNotContain(worse.AlertId, FactorOf(output[1]).FoldedAlertIds); // the group's update: the site is at the top of the page now
        Assert.Equal(AlertStatus.Updated, output[1].Status);
        Assert.Contains(Route(grouper, Next(worse, AlertStatus.Resolved, 300)), a => a.AlertId == worse.AlertId); // its resolution is notified too
    }

    [Fact]
    public void An_absorbed_site_still_changing_once_every_other_member_recovered_is_notified_from_that_update_on()
    {
        // a second irritant at s02 after the move, or a move that lasts there: the group no longer explains its alert
        var grouper = new RegionGrouper("r0", Catalog, Settings);
        var opens = new[] { Open("s00", 0), Open("s01", 20), Open("s02", 40) };
        Route(grouper, opens);
        Assert.Empty(Route(grouper, Next(opens[2], AlertStatus.Updated, 200))); // s00 and s01 still down: the group's

        Route(grouper, Next(opens[0], AlertStatus.Resolved, 300), Next(opens[1], AlertStatus.Resolved, 320));
        var later = Next(Next(opens[2], AlertStatus.Updated, 200), AlertStatus.Updated, 900);
        var output = Route(grouper, later);
        Assert.Equal(later.AlertId, output[0].AlertId);
        Assert.Equal(MemberRole.Own, grouper.State.Moves.Single().Members.Single(m => m.AlertId == later.AlertId).Role);
    }

    [Fact]
    public void A_site_that_joins_the_move_on_its_evidence_is_absorbed_even_below_the_members_median()
    {
        var grouper = new RegionGrouper("r0", Catalog, Settings);
        Route(grouper, Open("s00", 0), Open("s01", 20), Open("s02", 40));
        var output = new List<Alert>();
        grouper.Route(Open("s03", 60, mean: 2.1), output, joinsMove: true); // 1.1 below the median: would keep its own alert
        var group = Assert.Single(output);
        Assert.Contains("s03", FactorOf(group).SiteIds);
        Assert.Equal(MemberRole.Absorbed, grouper.State.Moves.Single().Members.Single(m => m.Key == "s03").Role);
    }

    [Fact]
    public void The_group_resolves_when_every_member_has_recovered_and_absorbed_alerts_stay_silent_to_the_end()
    {
        var grouper = new RegionGrouper("r0", Catalog, Settings);
        var opens = new[] { Open("s00", 0), Open("s01", 20), Open("s02", 40) };
        Route(grouper, opens);

        var first = Route(grouper, Next(opens[0], AlertStatus.Resolved, 300), Next(opens[2], AlertStatus.Updated, 310), Next(opens[2], AlertStatus.Resolved, 320));
        Assert.Equal(["alr-s00"], first.Select(a => a.AlertId)); // the folded one's resolution is shown; the absorbed one's emissions are not

        var last = Assert.Single(Route(grouper, Next(opens[1], AlertStatus.Resolved, 400)), a => a.Factors is [GroupFactor]);
        Assert.Equal(AlertStatus.Resolved, last.Status);
        Assert.Equal(2, last.Sequence); // open, then resolved: nobody joined
        Assert.StartsWith("Waiting time has recovered at the 3 sites of region r0", last.Explanation);
        Assert.Empty(grouper.State.Moves);
    }

    [Fact]
    public void Sites_that_fall_hours_apart_or_on_other_attributes_do_not_group()
    {
        var grouper = new RegionGrouper("r0", Catalog, Settings);
        var output = Route(grouper, Open("s00", 0), Open("s01", 200), Open("s02", 400), Open("s03", 600));
        Assert.DoesNotContain(output, a => a.Factors is [GroupFactor]);
        Assert.Equal(4, output.Count);
    }

    [Fact]
    public void A_group_stops_taking_members_GroupInterval_after_its_last_join_and_a_later_move_forms_a_group_of_its_own()
    {
        var settings = Settings with { GroupInterval = TimeSpan.FromHours(6) };
        var grouper = new RegionGrouper("r0", Catalog, settings);
        var first = Route(grouper, Open("s00", 0), Open("s01", 20), Open("s02", 40), Open("s03", 40 + 330)).Where(a => a.Factors is [GroupFactor]).ToList();
        Assert.Equal([AlertStatus.Open, AlertStatus.Updated], first.Select(g => g.Status)); // 5.5 h after the last join: it still joins
        var saturday = first[0].AlertId;

        // two days later, with s00 not recovered (the old group still active), three other sites fall: a new move
        var monday = Route(grouper, Open("s04", 2880), Open("s05", 2900), Open("s06", 2920));
        Assert.Equal(["alr-s04", "alr-s05"], monday.Where(a => a.Factors is not [GroupFactor]).Select(a => a.AlertId)); // notified, not absorbed
        var opened = Assert.Single(monday, a => a.Factors is [GroupFactor]);
        Assert.Equal(AlertStatus.Open, opened.Status);
        Assert.NotEqual(saturday, opened.AlertId);
        Assert.Equal(["s04", "s05", "s06"], FactorOf(opened).SiteIds);
        Assert.StartsWith("Waiting time fell at 3 sites of region r0 since", opened.Explanation);
        Assert.Equal(2, grouper.State.Moves.Count);

        // the old group still resolves on its own members: the Saturday sites recover, the new group is untouched
        var ends = Route(grouper, Next(Open("s00", 0), AlertStatus.Resolved, 2950), Next(Open("s01", 20), AlertStatus.Resolved, 2951),
            Next(Open("s02", 40), AlertStatus.Resolved, 2952), Next(Open("s03", 370), AlertStatus.Resolved, 2953));
        var ended = Assert.Single(ends, a => a.Factors is [GroupFactor]);
        Assert.Equal((saturday, AlertStatus.Resolved), (ended.AlertId, ended.Status));
        Assert.Equal(opened.AlertId, Assert.Single(grouper.State.Moves).GroupId);
        Assert.Single(Route(grouper, Open("s07", 2960)), a => a.Factors is [GroupFactor] && a.AlertId == opened.AlertId && a.Status == AlertStatus.Updated);
    }

    [Fact]
    public void A_member_of_a_group_that_stopped_taking_members_is_still_promoted_when_it_falls_clearly_below_it()
    {
        var grouper = new RegionGrouper("r0", Catalog, Settings with { GroupInterval = TimeSpan.FromHours(2) });
        var absorbed = Open("s02", 40);
        Route(grouper, Open("s00", 0), Open("s01", 20), absorbed);

        var worse = Next(absorbed, AlertStatus.Updated, 600) with { Score = new ScoreSummary(2.2, 60, 40) };
        var output = Route(grouper, worse);
        Assert.Equal(worse.AlertId, output[0].AlertId);
        Assert.Equal(AlertStatus.Updated, Assert.Single(output, a => a.Factors is [GroupFactor]).Status);
    }

    [Fact]
    public void A_grouper_restored_from_its_saved_state_goes_on_as_the_one_that_was_never_stopped()
    {
        var settings = Settings;
        var alerts = new[] { Open("s00", 0), Open("s01", 20), Open("s02", 40), Open("s03", 60) };
        var whole = new RegionGrouper("r0", Catalog, settings);
        var expected = Route(whole, alerts);

        var before = new RegionGrouper("r0", Catalog, settings);
        var output = Route(before, alerts[..2]);
        var restored = new RegionGrouper("r0", Catalog, settings);
        restored.Restore(before.State);
        restored.Restore(GroupingState.Empty); // an older copy (another site's) changes nothing
        output.AddRange(Route(restored, alerts[2..]));

        Assert.Equal(expected.Select(ContractJson.Serialize), output.Select(ContractJson.Serialize));
    }

    [Fact]
    public void A_state_saved_before_the_last_join_was_kept_takes_its_members_latest_opening_as_the_last_join()
    {
        var settings = Settings with { GroupInterval = TimeSpan.FromHours(2) };
        var before = new RegionGrouper("r0", Catalog, settings);
        Route(before, Open("s00", 0), Open("s01", 20), Open("s02", 40), Open("s03", 100));
        var old = before.State with { Moves = [.. before.State.Moves.Select(m => m with { LastJoinAt = default })] };

        var restored = new RegionGrouper("r0", Catalog, settings);
        restored.Restore(old);
        Assert.Equal(TestAlerts.T0.AddMinutes(100), Assert.Single(restored.State.Moves).LastJoinAt);
        var output = Route(restored, Open("s04", 200)); // 1 h 40 min after s03 joined: it joins too
        Assert.Equal(AlertStatus.Updated, Assert.Single(output).Status);
    }

    [Fact]
    public void GroupInterval_is_a_day_by_default_and_must_be_positive()
    {
        Assert.Equal(TimeSpan.FromDays(1), new DetectionSettings().GroupInterval);
        Assert.Contains("GroupInterval must be positive, got 00:00:00", new DetectionSettings { GroupInterval = TimeSpan.Zero }.Validate());
    }
}
