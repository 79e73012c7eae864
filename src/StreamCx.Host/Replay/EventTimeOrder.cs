namespace StreamCx.Host.Replay;

/// <summary>
/// The order replay applies events in: event time (<see cref="DateTimeOffset.UtcTicks"/>, which is what
/// <see cref="DateTimeOffset.CompareTo(DateTimeOffset)"/> compares), ties in file order. Only a 16-byte key per event is
/// sorted, never the events themselves, and a file already in event-time order (the usual case) is only checked.
/// </summary>
public static class EventTimeOrder
{
    /// <summary>One valid event: its time and its position among the valid events of the file (file order).</summary>
    public readonly record struct Key(long UtcTicks, int Index) : IComparable<Key>
    {
        public int CompareTo(Key other) => UtcTicks != other.UtcTicks ? UtcTicks.CompareTo(other.UtcTicks) : Index.CompareTo(other.Index);
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
            if (keys[i].UtcTicks < keys[i - 1].UtcTicks) return false;
        }
        return true;
    }
}
