namespace StreamCx.Host.Replay;

/// <summary>
/// The order replay applies events in: <see cref="StreamCx.Domain.EventTime.EventOrder"/> — event time
/// (<see cref="DateTimeOffset.UtcTicks"/>), then event id (ordinal) — the order the live engine applies them in once its
/// frontier passes them; two copies of one event keep file order. Only a small key per event is sorted, never the events
/// themselves, and a file already in that order (the usual case) is only checked.
/// </summary>
public static class EventTimeOrder
{
    /// <summary>One valid event: its time, its position among the valid events of the file (file order) and its id.</summary>
    public readonly record struct Key(long UtcTicks, int Index, string EventId = "") : IComparable<Key>
    {
        public int CompareTo(Key other)
        {
            if (UtcTicks != other.UtcTicks) return UtcTicks.CompareTo(other.UtcTicks);
            var byId = string.CompareOrdinal(EventId, other.EventId);
            return byId != 0 ? byId : Index.CompareTo(other.Index);
        }

        public static bool operator <(Key left, Key right) => left.CompareTo(right) < 0;

        public static bool operator <=(Key left, Key right) => left.CompareTo(right) <= 0;

        public static bool operator >(Key left, Key right) => left.CompareTo(right) > 0;

        public static bool operator >=(Key left, Key right) => left.CompareTo(right) >= 0;
    }

    /// <summary>Sorts <paramref name="keys"/> (given in file order) into replay order; returns whether they had to move.</summary>
    public static bool Sort(Span<Key> keys)
    {
        if (IsOrdered(keys)) return false;
        keys.Sort();
        return true;
    }

    private static bool IsOrdered(ReadOnlySpan<Key> keys)
    {
        for (var i = 1; i < keys.Length; i++)
        {
            if (keys[i].CompareTo(keys[i - 1]) < 0) return false;
        }
        return true;
    }
}
