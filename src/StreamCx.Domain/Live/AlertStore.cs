using StreamCx.Domain.Contracts;

namespace StreamCx.Domain.Live;

/// <summary>
/// The alerts a community manager works on: every alert the engine emitted, its latest state, its history and the
/// people's actions on it. Thread-safe (one lock; reads return copies). Bounded: at most <c>maxAlerts</c> alerts
/// (beyond, the closed one changed longest ago goes first, then the oldest open one) and at most
/// <c>maxHistoryPerAlert</c> history entries per alert (oldest dropped first, counted).
/// </summary>
/// <remarks>
/// Resolving by hand closes an alert in this view; the engine's later emissions for it still enter its history, and
/// an <c>updated</c> emission (the irritant changed enough to say so) opens it again.
/// </remarks>
public sealed class AlertStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly int _maxAlerts;
    private readonly int _maxHistory;
    private long _evicted;

    public AlertStore(int maxAlerts, int maxHistoryPerAlert)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAlerts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxHistoryPerAlert, 1);
        _maxAlerts = maxAlerts;
        _maxHistory = maxHistoryPerAlert;
    }

    public int Count
    {
        get { lock (_gate) return _entries.Count; }
    }

    /// <summary>Alerts forgotten to stay within the bound.</summary>
    public long Evicted => Interlocked.Read(ref _evicted);

    /// <summary>Takes in one emission of the engine.</summary>
    public AlertRecord Record(Alert alert)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(alert.AlertId, out var entry))
            {
                entry = new Entry(alert);
                _entries[alert.AlertId] = entry;
                EvictBeyondBound();
            }
            else
            {
                if (alert.Sequence >= entry.Latest.Sequence) entry.Latest = alert;
                if (alert.Status == AlertStatus.Resolved) entry.Open = false;
                else if (alert.Status == AlertStatus.Updated && entry.ResolvedByHand is not null)
                {
                    entry.Open = true;
                    entry.ResolvedByHand = null;
                }
                entry.LastChangedAt = Max(entry.LastChangedAt, alert.EmittedAt);
            }
            entry.Add(AlertHistoryEntry.Emission(alert), _maxHistory);
            return entry.ToRecord(withHistory: false);
        }
    }

    /// <summary>Records who acknowledged the alert (again: the newest acknowledgement stands, history keeps all).</summary>
    public StoreResult Acknowledge(string alertId, AlertAction action)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(alertId, out var entry)) return new StoreResult(StoreOutcome.NotFound, null);
            entry.Acknowledgement = action;
            entry.LastChangedAt = Max(entry.LastChangedAt, action.At);
            entry.Add(AlertHistoryEntry.Action(AlertHistoryKind.Acknowledged, action), _maxHistory);
            return new StoreResult(StoreOutcome.Done, entry.ToRecord(withHistory: false));
        }
    }

    /// <summary>Closes an open alert by hand.</summary>
    public StoreResult ResolveByHand(string alertId, AlertAction action)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(alertId, out var entry)) return new StoreResult(StoreOutcome.NotFound, null);
            if (!entry.Open) return new StoreResult(StoreOutcome.AlreadyClosed, entry.ToRecord(withHistory: false));
            entry.Open = false;
            entry.ResolvedByHand = action;
            entry.LastChangedAt = Max(entry.LastChangedAt, action.At);
            entry.Add(AlertHistoryEntry.Action(AlertHistoryKind.ResolvedByHand, action), _maxHistory);
            return new StoreResult(StoreOutcome.Done, entry.ToRecord(withHistory: false));
        }
    }

    /// <summary>One alert (with its history unless told otherwise), or null.</summary>
    public AlertRecord? Get(string alertId, bool withHistory = true)
    {
        lock (_gate) return _entries.TryGetValue(alertId, out var entry) ? entry.ToRecord(withHistory) : null;
    }

    /// <summary>The open alerts the filter selects, most severe first, then the most recently changed.</summary>
    public IReadOnlyList<AlertRecord> Open(AlertFilter filter)
    {
        lock (_gate)
        {
            return _entries.Values
                .Where(e => e.Open && filter.Matches(e.Latest))
                .OrderByDescending(e => e.Latest.Severity).ThenByDescending(e => e.LastChangedAt).ThenBy(e => e.Latest.AlertId, StringComparer.Ordinal)
                .Select(e => e.ToRecord(withHistory: false))
                .ToArray();
        }
    }

    private void EvictBeyondBound()
    {
        while (_entries.Count > _maxAlerts)
        {
            Entry? victim = null;
            foreach (var e in _entries.Values)
                if (victim is null || (victim.Open && !e.Open) || (victim.Open == e.Open && e.LastChangedAt < victim.LastChangedAt))
                    victim = e;
            _entries.Remove(victim!.Latest.AlertId);
            Interlocked.Increment(ref _evicted);
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private sealed class Entry(Alert first)
    {
        private readonly Queue<AlertHistoryEntry> _history = new();
        private int _dropped;

        public Alert Latest { get; set; } = first;
        public bool Open { get; set; } = first.Status != AlertStatus.Resolved;
        public DateTimeOffset FirstSeenAt { get; } = first.EmittedAt;
        public DateTimeOffset LastChangedAt { get; set; } = first.EmittedAt;
        public AlertAction? Acknowledgement { get; set; }
        public AlertAction? ResolvedByHand { get; set; }

        public void Add(AlertHistoryEntry item, int max)
        {
            _history.Enqueue(item);
            while (_history.Count > max)
            {
                _history.Dequeue();
                _dropped++;
            }
        }

        public AlertRecord ToRecord(bool withHistory) =>
            new(Latest, Open, FirstSeenAt, LastChangedAt, Acknowledgement, ResolvedByHand, withHistory ? _history.ToArray() : null, _dropped);
    }
}
