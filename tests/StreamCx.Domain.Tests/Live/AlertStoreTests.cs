using StreamCx.Domain.Contracts;
using StreamCx.Domain.Live;
using static StreamCx.Domain.Tests.Live.TestAlerts;

namespace StreamCx.Domain.Tests.Live;

public class AlertStoreTests
{
    private static AlertAction By(string who, int second = 0) => new(who, T0.AddMinutes(5).AddSeconds(second), null);

    [Fact]
    public void An_emission_opens_an_alert_updates_change_it_and_a_resolved_emission_closes_it()
    {
        var store = new AlertStore(100, 10);
        store.Record(Make(severity: 0.4));
        Assert.Equal(0.4, Assert.Single(store.Open(AlertFilter.All)).Alert.Severity);

        store.Record(Make(status: AlertStatus.Updated, sequence: 2, severity: 0.8));
        var open = Assert.Single(store.Open(AlertFilter.All));
        Assert.Equal(0.8, open.Alert.Severity);
        Assert.Equal(AlertStatus.Updated, open.Alert.Status);

        store.Record(Make(status: AlertStatus.Resolved, sequence: 3, severity: 0.8));
        Assert.Empty(store.Open(AlertFilter.All));
        var record = store.Get("alr-0000000000000001")!;
        Assert.False(record.Open);
        Assert.Equal([AlertStatus.Open, AlertStatus.Updated, AlertStatus.Resolved], record.History!.Select(h => h.Status!.Value));
    }

    [Fact]
    public void A_late_older_emission_enters_the_history_but_does_not_replace_the_latest()
    {
        var store = new AlertStore(100, 10);
        store.Record(Make(status: AlertStatus.Updated, sequence: 2, severity: 0.8));
        store.Record(Make(status: AlertStatus.Open, sequence: 1, severity: 0.3));
        var record = store.Get("alr-0000000000000001")!;
        Assert.Equal(2, record.Alert.Sequence);
        Assert.Equal(2, record.History!.Count);
    }

    [Fact]
    public void Open_alerts_are_filtered_and_the_most_severe_come_first()
    {
        var store = new AlertStore(100, 10);
        store.Record(Make("alr-a", severity: 0.3, regionId: "north"));
        store.Record(Make("alr-b", severity: 0.9, regionId: "north", attributeId: "cleanliness"));
        store.Record(Make("alr-c", severity: 0.6, regionId: "paris", siteId: "store-paris-opera"));
        Assert.Equal(["alr-b", "alr-c", "alr-a"], store.Open(AlertFilter.All).Select(r => r.Alert.AlertId));
        Assert.Equal(["alr-b", "alr-a"], store.Open(new AlertFilter(RegionId: "north")).Select(r => r.Alert.AlertId));
        Assert.Equal(["alr-b", "alr-c"], store.Open(new AlertFilter(MinSeverity: 0.5)).Select(r => r.Alert.AlertId));
        Assert.Equal(["alr-a"], store.Open(new AlertFilter(AttributeId: "waiting-time", RegionId: "north")).Select(r => r.Alert.AlertId));
        Assert.All(store.Open(AlertFilter.All), r => Assert.Null(r.History));
    }

    [Fact]
    public void Acknowledging_records_who_when_and_the_note_and_the_newest_acknowledgement_stands()
    {
        var store = new AlertStore(100, 10);
        store.Record(Make());
        var first = store.Acknowledge("alr-0000000000000001", new AlertAction("Léa", T0.AddMinutes(1), "on it"));
        Assert.Equal(StoreOutcome.Done, first.Outcome);
        Assert.Equal("Léa", first.Record!.Acknowledgement!.By);
        store.Acknowledge("alr-0000000000000001", new AlertAction("Noé", T0.AddMinutes(2), null));
        var record = store.Get("alr-0000000000000001")!;
        Assert.Equal(new AlertAction("Noé", T0.AddMinutes(2), null), record.Acknowledgement);
        Assert.True(record.Open);
        Assert.Equal(T0.AddMinutes(2), record.LastChangedAt);
        Assert.Equal(
            [(AlertHistoryKind.Emission, null), (AlertHistoryKind.Acknowledged, "Léa"), (AlertHistoryKind.Acknowledged, "Noé")],
            record.History!.Select(h => (h.Kind, h.By)));
    }

    [Fact]
    public void Unknown_alerts_cannot_be_acknowledged_or_resolved()
    {
        var store = new AlertStore(100, 10);
        Assert.Equal(new StoreResult(StoreOutcome.NotFound, null), store.Acknowledge("alr-x", By("Léa")));
        Assert.Equal(new StoreResult(StoreOutcome.NotFound, null), store.ResolveByHand("alr-x", By("Léa")));
        Assert.Null(store.Get("alr-x"));
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void Resolving_by_hand_closes_an_open_alert_once()
    {
        var store = new AlertStore(100, 10);
        store.Record(Make());
        var resolved = store.ResolveByHand("alr-0000000000000001", By("Léa"));
        Assert.Equal(StoreOutcome.Done, resolved.Outcome);
        Assert.False(resolved.Record!.Open);
        Assert.Equal("Léa", resolved.Record.ResolvedByHand!.By);
        Assert.Empty(store.Open(AlertFilter.All));
        Assert.Equal(StoreOutcome.AlreadyClosed, store.ResolveByHand("alr-0000000000000001", By("Noé")).Outcome);
        Assert.Equal("Léa", store.Get("alr-0000000000000001")!.ResolvedByHand!.By);

        store.Record(Make("alr-2"));
        store.Record(Make("alr-2", status: AlertStatus.Resolved, sequence: 2));
        Assert.Equal(StoreOutcome.AlreadyClosed, store.ResolveByHand("alr-2", By("Léa")).Outcome);
    }

    [Fact]
    public void An_update_after_a_hand_resolution_opens_the_alert_again_and_a_resolved_emission_keeps_it_closed()
    {
        var store = new AlertStore(100, 10);
        store.Record(Make());
        store.ResolveByHand("alr-0000000000000001", By("Léa"));
        store.Record(Make(status: AlertStatus.Updated, sequence: 2, severity: 0.9));
        var reopened = store.Get("alr-0000000000000001")!;
        Assert.True(reopened.Open);
        Assert.Null(reopened.ResolvedByHand);
        Assert.Contains(reopened.History!, h => h.Kind == AlertHistoryKind.ResolvedByHand);

        store.ResolveByHand("alr-0000000000000001", By("Noé"));
        store.Record(Make(status: AlertStatus.Resolved, sequence: 3));
        var closed = store.Get("alr-0000000000000001")!;
        Assert.False(closed.Open);
        Assert.Equal("Noé", closed.ResolvedByHand!.By);
    }

    [Fact]
    public void History_is_bounded_per_alert_with_the_oldest_dropped_and_counted()
    {
        var store = new AlertStore(100, 3);
        store.Record(Make());
        for (var i = 0; i < 5; i++) store.Acknowledge("alr-0000000000000001", By($"p{i}", i));
        var record = store.Get("alr-0000000000000001")!;
        Assert.Equal(["p2", "p3", "p4"], record.History!.Select(h => h.By));
        Assert.Equal(3, record.HistoryDropped);
    }

    [Fact]
    public void Beyond_the_bound_closed_alerts_are_forgotten_first_then_the_oldest_open_ones()
    {
        var store = new AlertStore(3, 10);
        store.Record(Make("alr-open-old", emittedAt: T0));
        store.Record(Make("alr-closed", emittedAt: T0.AddMinutes(1)));
        store.Record(Make("alr-closed", status: AlertStatus.Resolved, sequence: 2, emittedAt: T0.AddMinutes(2)));
        store.Record(Make("alr-open-new", emittedAt: T0.AddMinutes(3)));
        store.Record(Make("alr-newest", emittedAt: T0.AddMinutes(4)));
        Assert.Equal(3, store.Count);
        Assert.Null(store.Get("alr-closed"));
        Assert.Equal(1, store.Evicted);

        store.Record(Make("alr-newer-still", emittedAt: T0.AddMinutes(5)));
        Assert.Null(store.Get("alr-open-old"));
        Assert.NotNull(store.Get("alr-open-new"));
        Assert.Equal(2, store.Evicted);
    }

    [Fact]
    public void Records_handed_out_are_copies_that_later_changes_do_not_touch()
    {
        var store = new AlertStore(100, 10);
        store.Record(Make());
        var before = store.Get("alr-0000000000000001")!;
        store.Acknowledge("alr-0000000000000001", By("Léa"));
        Assert.Null(before.Acknowledgement);
        Assert.Single(before.History!);
    }

    [Fact]
    public async Task Concurrent_emissions_actions_and_reads_lose_nothing()
    {
        var store = new AlertStore(10_000, 10_000);
        const int alerts = 50, actionsPerAlert = 40;
        for (var a = 0; a < alerts; a++) store.Record(Make($"alr-{a}"));
        var writers = Enumerable.Range(0, alerts).Select(a => Task.Run(() =>
        {
            for (var i = 0; i < actionsPerAlert; i++)
            {
                store.Acknowledge($"alr-{a}", By($"p{i}"));
                store.Record(Make($"alr-{a}", status: AlertStatus.Updated, sequence: i + 2));
            }
        }));
        // a reader sees whole states only: every alert open, and alr-7's history matching its latest emission
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            var seen = 0;
            for (var i = 0; i < 200; i++)
            {
                Assert.Equal(alerts, store.Open(new AlertFilter(MinSeverity: 0.1)).Count);
                var record = store.Get("alr-7")!;
                Assert.Equal("alr-7", record.Alert.AlertId);
                var emissions = record.History!.Count(h => h.Kind == AlertHistoryKind.Emission);
                var acknowledgements = record.History!.Count(h => h.Kind == AlertHistoryKind.Acknowledged);
                Assert.Equal(emissions, record.Alert.Sequence); // sequences 1, 2, … recorded in order
                Assert.InRange(acknowledgements, emissions - 1, emissions); // each update follows its acknowledgement
                Assert.Equal(acknowledgements > 0 ? $"p{acknowledgements - 1}" : null, record.Acknowledgement?.By);
                Assert.True(record.History!.Count >= seen, "a later read saw less history");
                seen = record.History!.Count;
            }
        }));
        await Task.WhenAll(writers.Concat(readers));
        for (var a = 0; a < alerts; a++)
        {
            var record = store.Get($"alr-{a}")!;
            Assert.Equal(1 + (2 * actionsPerAlert), record.History!.Count);
            Assert.Equal(actionsPerAlert + 1, record.Alert.Sequence);
        }
        Assert.Equal(alerts, store.Open(AlertFilter.All).Count);
    }
}
