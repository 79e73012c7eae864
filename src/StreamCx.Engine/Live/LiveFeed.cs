using System.Reactive.Linq;
using System.Reactive.Subjects;
using System.Text.Json;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Live;
using StreamCx.Engine.AlertLog;

namespace StreamCx.Engine.Live;

/// <summary>
/// The live view of the shared alert log: takes every entry (<see cref="AlertLogEntry"/>: an alert emission, or a
/// person's action) into the <see cref="AlertStore"/> in log order, publishes it as a <see cref="LiveEvent"/> whose id
/// is the log's id (the same on every engine), keeps the last of them for resumption, and fans them out
/// (System.Reactive) to subscribers through filtered, bounded buffers. Publishing never waits for a subscriber: a full
/// buffer drops its oldest event.
/// </summary>
public sealed class LiveFeed : IDisposable
{
    private readonly object _gate = new();
    private readonly Subject<LiveEvent> _events = new();
    private readonly ReplayBuffer _replay;
    private readonly LiveFeedOptions _options;
    private int _subscribers;
    private long _dropped;
    private bool _disposed;

    public LiveFeed(LiveFeedOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SubscriberBufferSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxSubscribers, 1);
        _options = options;
        Clock = clock;
        Store = new AlertStore(options.MaxAlerts, options.MaxHistoryPerAlert);
        _replay = new ReplayBuffer(options.ReplayBufferSize, 0);
    }

    public AlertStore Store { get; }

    public TimeProvider Clock { get; }

    /// <summary>Id of the newest log entry taken in.</summary>
    public long Position
    {
        get { lock (_gate) return _replay.Position; }
    }

    public int Subscribers => Volatile.Read(ref _subscribers);

    /// <summary>Events dropped from all subscribers' buffers since the start.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>
    /// Takes in the next log entry (an entry at or before <see cref="Position"/> was taken already and is ignored).
    /// Returns what the store made of it: an action on an unknown alert, or a hand-resolve of an alert already closed
    /// (two people at once on two engines), changes nothing and publishes nothing.
    /// </summary>
    public StoreResult Apply(AlertLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_gate)
        {
            if (_disposed || entry.Id <= _replay.Position) return new StoreResult(StoreOutcome.NotFound, null);
            if (entry.Kind == LiveEventTypes.Alert)
            {
                var alert = ContractJson.DeserializeAlert(entry.Data) ?? throw new InvalidOperationException($"alert log entry {entry.Id} holds no alert");
                var record = Store.Record(alert);
                Publish(LiveEvent.About(alert, entry.Id, LiveEventTypes.Alert, entry.Data));
                return new StoreResult(StoreOutcome.Done, record);
            }
            var logged = LoggedAction.FromJson(entry.Data);
            var result = entry.Kind switch
            {
                LiveEventTypes.Acknowledged => Store.Acknowledge(logged.AlertId, logged.Action),
                LiveEventTypes.ResolvedByHand => Store.ResolveByHand(logged.AlertId, logged.Action),
                _ => throw new InvalidOperationException($"alert log entry {entry.Id} is of unknown kind '{entry.Kind}'"),
            };
            if (result.Outcome == StoreOutcome.Done)
            {
                Publish(LiveEvent.About(result.Record!.Alert, entry.Id, entry.Kind, JsonSerializer.Serialize(result.Record, ContractJson.Options)));
            }
            else
            {
                _replay.Skip(entry.Id);
            }
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

    private void Publish(LiveEvent e)
    {
        _replay.Add(e);
        _events.OnNext(e);
    }

    /// <summary>Stops taking entries and ends every subscription (their readers see the end).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _events.OnCompleted();
        }
    }
}
