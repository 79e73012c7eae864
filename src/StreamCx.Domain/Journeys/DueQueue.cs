using StreamCx.Domain.Snapshots;

namespace StreamCx.Domain.Journeys;

/// <summary>
/// When each journey or account next needs a look in event time (a rule's deadline, its retention), earliest first and,
/// at the same instant, by key: the same events give the same order. One entry per key; a key whose time moved later
/// is put back at its new time when its old one comes up.
/// </summary>
public sealed class DueQueue
{
    private readonly PriorityQueue<string, (long Due, string Key)> _queue = new(DueOrder.Instance);

    public int Count => _queue.Count;

    public void Add(string key, long due) => _queue.Enqueue(key, (due, key));

    public void Clear() => _queue.Clear();

    /// <summary>Takes out the next key due at or before <paramref name="now"/>.</summary>
    public bool TryTake(long now, out string key, out long due)
    {
        if (_queue.TryPeek(out key!, out var at) && at.Due <= now)
        {
            _queue.Dequeue();
            due = at.Due;
            return true;
        }
        due = 0;
        return false;
    }

    /// <summary>Every key and when it is due, in the order they come up, as plain data.</summary>
    public DueEntry[] Capture() => [.. _queue.UnorderedItems.Select(i => i.Priority).Order(DueOrder.Instance).Select(p => new DueEntry(p.Key, p.Due))];

    /// <summary>Puts back what <see cref="Capture"/> took, beside what the queue holds.</summary>
    public void Restore(IEnumerable<DueEntry> entries)
    {
        foreach (var e in entries) Add(e.Key, e.Due);
    }

    private sealed class DueOrder : IComparer<(long Due, string Key)>
    {
        public static readonly DueOrder Instance = new();

        public int Compare((long Due, string Key) x, (long Due, string Key) y)
        {
            var byDue = x.Due.CompareTo(y.Due);
            return byDue != 0 ? byDue : string.CompareOrdinal(x.Key, y.Key);
        }
    }
}
