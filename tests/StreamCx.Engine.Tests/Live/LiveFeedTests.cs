using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Alerting;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Live;
using StreamCx.Engine.AlertLog;
using StreamCx.Engine.Live;

namespace StreamCx.Engine.Tests.Live;

public sealed class LiveFeedTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private const long Start = 0; // the log's ids start after 0

    private LiveFeed _feed;
    private long _lastId = Start;

    public LiveFeedTests() => _feed = New(new LiveFeedOptions());

    private LiveFeed New(LiveFeedOptions options)
    {
        _feed?.Dispose();
        _lastId = Start;
        return _feed = new LiveFeed(options, new FakeTimeProvider(T0));
    }

    public void Dispose() => _feed.Dispose();

    /// <summary>The next entry of the alert log: an emission.</summary>
    private StoreResult Emit(Alert alert) => _feed.Apply(new AlertLogEntry(Interlocked.Increment(ref _lastId), LiveEventTypes.Alert, ContractJson.Serialize(alert)));

    /// <summary>The next entry of the alert log: a person's action.</summary>
    private StoreResult Act(string kind, string alertId, AlertAction action) =>
        _feed.Apply(new AlertLogEntry(Interlocked.Increment(ref _lastId), kind, LoggedAction.Of(alertId, action).ToJson()));

    private static Alert Alert(int n, string region = "north", double severity = 0.6, AlertStatus status = AlertStatus.Open, int sequence = 1) =>
        new($"alr-{n}", status, sequence, $"site-{n}", $"Site {n}", region, "waiting-time", "Waiting time", severity, Severity.LevelOf(severity),
            [new PeerFactor(2.8, 4.3, -7.5, 5)], new ScoreSummary(2.8, 25, 32), T0, T0, new TimeWindow(T0.AddHours(-12), T0), "explained", []);

    private static List<LiveEvent> Drain(LiveSubscription s)
    {
        var events = new List<LiveEvent>();
        while (s.TryRead(out var e)) events.Add(e);
        return events;
    }

    [Fact]
    public void Each_alert_is_stored_and_published_once_under_its_log_id()
    {
        using var subscription = _feed.Subscribe(AlertFilter.All, null)!;
        Emit(Alert(1));
        Emit(Alert(2));
        var events = Drain(subscription);
        Assert.Equal([Start + 1, Start + 2], events.Select(e => e.Id));
        Assert.All(events, e => Assert.Equal(LiveEventTypes.Alert, e.Type));
        Assert.Equal(ContractJson.Serialize(Alert(1)), events[0].Data); // the alert contract, as on the alerts topic
        Assert.Equal(2, _feed.Store.Count);
        Assert.Equal(Start + 2, _feed.Position);
    }

    [Fact]
    public void A_subscriber_gets_only_what_its_filter_selects()
    {
        using var north = _feed.Subscribe(new AlertFilter(RegionId: "north"), null)!;
        using var severe = _feed.Subscribe(new AlertFilter(MinSeverity: 0.75), null)!;
        Emit(Alert(1, "north", 0.3));
        Emit(Alert(2, "paris", 0.8));
        Emit(Alert(3, "north", 0.9));
        Assert.Equal(["north", "north"], Drain(north).Select(e => e.RegionId));
        Assert.Equal([0.8, 0.9], Drain(severe).Select(e => e.Severity));
    }

    [Fact]
    public void Acknowledging_and_resolving_by_hand_are_published_with_the_alert_record_and_unknown_alerts_publish_nothing()
    {
        Emit(Alert(1));
        using var subscription = _feed.Subscribe(AlertFilter.All, null)!;
        Assert.Equal(StoreOutcome.NotFound, Act(LiveEventTypes.Acknowledged, "alr-404", new AlertAction("Léa", T0, null)).Outcome);
        Assert.Equal(StoreOutcome.Done, Act(LiveEventTypes.Acknowledged, "alr-1", new AlertAction("Léa", T0, "on it")).Outcome);
        Assert.Equal(StoreOutcome.Done, Act(LiveEventTypes.ResolvedByHand, "alr-1", new AlertAction("Noé", T0, null)).Outcome);
        Assert.Equal(StoreOutcome.AlreadyClosed, Act(LiveEventTypes.ResolvedByHand, "alr-1", new AlertAction("Zoé", T0, null)).Outcome); // two people at once
        var events = Drain(subscription);
        Assert.Equal([LiveEventTypes.Acknowledged, LiveEventTypes.ResolvedByHand], events.Select(e => e.Type));
        Assert.Equal([Start + 3, Start + 4], events.Select(e => e.Id)); // the entries that changed nothing publish nothing
        Assert.Equal(Start + 5, _feed.Position);
        Assert.Equal("Noé", _feed.Store.Get("alr-1")!.ResolvedByHand!.By);
        using var ack = JsonDocument.Parse(events[0].Data);
        Assert.Equal("Léa", ack.RootElement.GetProperty("acknowledgement").GetProperty("by").GetString());
        Assert.Equal("alr-1", ack.RootElement.GetProperty("alert").GetProperty("alertId").GetString());
        Assert.False(JsonDocument.Parse(events[1].Data).RootElement.GetProperty("open").GetBoolean());
    }

    [Fact]
    public void A_subscriber_resuming_from_an_id_gets_the_missed_events_it_selects_then_the_live_ones()
    {
        Emit(Alert(1, "north"));
        Emit(Alert(2, "paris"));
        Emit(Alert(3, "north"));
        using var subscription = _feed.Subscribe(new AlertFilter(RegionId: "north"), Start + 1)!;
        Assert.Equal(ReplayGap.None, subscription.Replay.Gap);
        Assert.Equal([Start + 3], subscription.Replay.Events.Select(e => e.Id));
        Assert.Equal(Start + 3, subscription.StartPosition);
        Emit(Alert(4, "north"));
        Assert.Equal([Start + 4], Drain(subscription).Select(e => e.Id));
    }

    [Fact]
    public void Resuming_beyond_what_is_kept_or_from_an_unknown_id_says_so()
    {
        New(new LiveFeedOptions(ReplayBufferSize: 2));
        for (var i = 1; i <= 5; i++) Emit(Alert(i));
        using var old = _feed.Subscribe(AlertFilter.All, Start + 1)!;
        Assert.Equal(ReplayGap.Missed, old.Replay.Gap);
        Assert.Equal([Start + 4, Start + 5], old.Replay.Events.Select(e => e.Id));
        using var ahead = _feed.Subscribe(AlertFilter.All, Start + 99)!;
        Assert.Equal(ReplayGap.Unknown, ahead.Replay.Gap);
        Assert.Empty(ahead.Replay.Events);
    }

    [Fact]
    public async Task Resuming_while_alerts_are_being_published_neither_misses_nor_doubles_an_event()
    {
        New(new LiveFeedOptions(ReplayBufferSize: 100_000, SubscriberBufferSize: 100_000));
        const int total = 20_000;
        var publisher = Task.Run(() => { for (var i = 1; i <= total; i++) Emit(Alert(i, severity: 0.5)); });
        var resumed = new List<(LiveSubscription Subscription, long From)>();
        while (!publisher.IsCompleted && resumed.Count < 50)
        {
            var from = Math.Max(Start, _feed.Position - 10);
            resumed.Add((_feed.Subscribe(AlertFilter.All, from)!, from));
            await Task.Yield();
        }
        await publisher;
        foreach (var (subscription, from) in resumed)
        {
            using (subscription)
            {
                var ids = subscription.Replay.Events.Select(e => e.Id).Concat(Drain(subscription).Select(e => e.Id)).ToArray();
                Assert.Equal(Enumerable.Range(0, (int)(Start + total - from)).Select(i => from + 1 + i), ids);
            }
        }
    }

    [Fact]
    public void A_subscriber_that_never_reads_loses_its_oldest_events_counted_and_nobody_else_waits_for_it()
    {
        New(new LiveFeedOptions(SubscriberBufferSize: 4));
        using var stalled = _feed.Subscribe(AlertFilter.All, null)!;
        using var reader = _feed.Subscribe(AlertFilter.All, null)!;
        var read = new List<long>();
        for (var i = 1; i <= 10; i++)
        {
            Emit(Alert(i));
            read.AddRange(Drain(reader).Select(e => e.Id));
        }
        Assert.Equal(Enumerable.Range(1, 10).Select(i => Start + i), read);
        Assert.Equal(0, reader.Dropped);
        Assert.Equal(6, stalled.Dropped);
        Assert.Equal(6, _feed.Dropped);
        Assert.Equal(6, stalled.TakeDropped());
        Assert.Equal(0, stalled.TakeDropped());
        Assert.Equal([Start + 7, Start + 8, Start + 9, Start + 10], Drain(stalled).Select(e => e.Id)); // the newest are kept
    }

    [Fact]
    public void The_number_of_subscribers_is_bounded_and_leaving_frees_a_place()
    {
        New(new LiveFeedOptions(MaxSubscribers: 2));
        var a = _feed.Subscribe(AlertFilter.All, null)!;
        using var b = _feed.Subscribe(AlertFilter.All, null)!;
        Assert.Null(_feed.Subscribe(AlertFilter.All, null));
        Assert.Equal(2, _feed.Subscribers);
        a.Dispose();
        a.Dispose();
        Assert.Equal(1, _feed.Subscribers);
        using var c = _feed.Subscribe(AlertFilter.All, null);
        Assert.NotNull(c);
        Emit(Alert(1));
        Assert.False(a.TryRead(out _)); // a left: it gets nothing more
    }

    [Fact]
    public void An_entry_already_taken_in_is_ignored_when_the_log_is_read_again()
    {
        Emit(Alert(1));
        Emit(Alert(2, sequence: 2, status: AlertStatus.Updated));
        using var subscription = _feed.Subscribe(AlertFilter.All, null)!;

        _feed.Apply(new AlertLogEntry(Start + 2, LiveEventTypes.Alert, ContractJson.Serialize(Alert(9))));

        Assert.Empty(Drain(subscription));
        Assert.Null(_feed.Store.Get("alr-9"));
        Assert.Equal(Start + 2, _feed.Position);
    }

    [Fact]
    public async Task Ending_the_feed_ends_every_subscription_and_refuses_new_ones()
    {
        using var subscription = _feed.Subscribe(AlertFilter.All, null)!;
        Emit(Alert(1));
        _feed.Dispose();
        Assert.True(await subscription.WaitToReadAsync(CancellationToken.None)); // what was queued is still read
        Assert.True(subscription.TryRead(out _));
        Assert.False(await subscription.WaitToReadAsync(CancellationToken.None));
        Assert.Null(_feed.Subscribe(AlertFilter.All, null));
        Emit(Alert(2));
        Assert.Equal(1, _feed.Store.Count);
    }
}
