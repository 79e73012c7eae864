using System.Reactive.Linq;
using System.Reactive.Subjects;
using System.Text.Json;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Live;

namespace StreamCx.Engine.Live;

/// <summary>
/// The live side of the alert hub: takes every alert emission into the <see cref="AlertStore"/>, numbers it and the
/// people's actions (acknowledge, resolve by hand) as <see cref="LiveEvent"/>s with increasing ids, keeps the last of
/// them for resumption, and fans them out (System.Reactive) to subscribers through filtered, bounded buffers.
/// Publishing never waits for a subscriber: a full buffer drops its oldest event.
/// </summary>
/// <remarks>
/// Ids are integers increasing by one; a run's first id follows <c>start time (Unix ms) × 1000</c>, so ids also keep
/// increasing across restarts and a Last-Event-ID from an earlier run is recognised as older than what is kept.
/// </remarks>
public sealed class LiveFeed : IDisposable
{
    private readonly object _gate = new();
    private readonly Subject<LiveEvent> _events = new();
    private readonly ReplayBuffer _replay;
    private readonly LiveFeedOptions _options;
    private readonly IDisposable _alerts;
    private int _subscribers;
    private long _dropped;
    private bool _disposed;

    public LiveFeed(IObservable<Alert> alerts, LiveFeedOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SubscriberBufferSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxSubscribers, 1);
        _options = options;
        Clock = clock;
        Store = new AlertStore(options.MaxAlerts, options.MaxHistoryPerAlert);
        _replay = new ReplayBuffer(options.ReplayBufferSize, clock.GetUtcNow().ToUnixTimeMilliseconds() * 1000);
        _alerts = alerts.Subscribe(OnAlert);
    }

    public AlertStore Store { get; }

    public TimeProvider Clock { get; }

    /// <summary>Id of the newest event.</summary>
    public long Position
    {
        get { lock (_gate) return _replay.Position; }
    }

    public int Subscribers => Volatile.Read(ref _subscribers);

    /// <summary>Events dropped from all subscribers' buffers since the start.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public StoreResult Acknowledge(string alertId, AlertAction action)
    {
        lock (_gate)
        {
            var result = Store.Acknowledge(alertId, action);
            if (result.Outcome == StoreOutcome.Done) Publish(LiveEventTypes.Acknowledged, result.Record!);
            return result;
        }
    }

    public StoreResult ResolveByHand(string alertId, AlertAction action)
    {
        lock (_gate)
        {
            var result = Store.ResolveByHand(alertId, action);
            if (result.Outcome == StoreOutcome.Done) Publish(LiveEventTypes.ResolvedByHand, result.Record!);
            return result;
        }
    }

    /// <summary>
    /// Starts a subscription: the events after <paramref name="lastEventId"/> still kept (when given), then every
    /// later event the filter selects, with nothing missed or doubled in between. Null when the feed already has
    /// its maximum of subscribers (or has ended).
    /// </summary>
    public LiveSubscription? Subscribe(AlertFilter filter, long? lastEventId)
    {
        ArgumentNullException.ThrowIfNull(filter);
        lock (_gate)
        {
            if (_disposed || _subscribers >= _options.MaxSubscribers) return null;
            _subscribers++;
            var replay = lastEventId is { } id ? _replay.Since(id, filter) : new ReplayResult([], ReplayGap.None);
            var subscription = new LiveSubscription(filter, _options.SubscriberBufferSize, replay, _replay.Position, Unsubscribed, () => Interlocked.Increment(ref _dropped));
            subscription.Attach(_events.Where(e => e.Matches(filter)).Subscribe(subscription.Offer, _ => subscription.Complete(), subscription.Complete));
            return subscription;
        }
    }

    private void Unsubscribed(LiveSubscription _)
    {
        lock (_gate) _subscribers--;
    }

    private void OnAlert(Alert alert)
    {
        lock (_gate)
        {
            Store.Record(alert);
            var e = new LiveEvent(_replay.Position + 1, LiveEventTypes.Alert, ContractJson.Serialize(alert), alert.RegionId, alert.SiteId, alert.AttributeId, alert.Severity);
            _replay.Add(e);
            _events.OnNext(e);
        }
    }

    private void Publish(string type, AlertRecord record)
    {
        var a = record.Alert;
        var e = new LiveEvent(_replay.Position + 1, type, JsonSerializer.Serialize(record, ContractJson.Options), a.RegionId, a.SiteId, a.AttributeId, a.Severity);
        _replay.Add(e);
        _events.OnNext(e);
    }

    /// <summary>Stops taking alerts and ends every subscription (their readers see the end).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _alerts.Dispose();
            _events.OnCompleted();
        }
    }
}
