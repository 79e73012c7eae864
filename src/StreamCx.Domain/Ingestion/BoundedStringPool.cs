namespace StreamCx.Domain.Ingestion;

/// <summary>
/// A small fixed-size pool of short strings, so that a value that recurs from message to message (a channel, a
/// touchpoint, a language: a handful of distinct values over millions of events) is one shared instance instead of a
/// new string per event. Why bounded and lossy: the values come from untrusted input, so the pool never grows — it
/// has a fixed number of slots and a value that finds its two slots taken replaces one (a miss costs only the string
/// that would have been made anyway). Why lock-free: one parser is used from several threads at once (replay parses
/// in parallel); a slot holds an immutable string, written and read whole, and a hit is confirmed by comparing the
/// text, so a race can only cause a miss, never a wrong value.
/// </summary>
public sealed class BoundedStringPool
{
    /// <summary>Longer values are not pooled (they are rarely low-cardinality labels).</summary>
    public const int MaxLength = 32;

    private readonly string?[] _slots;
    private readonly int _mask;

    /// <param name="slots">How many strings the pool holds at most: a power of two.</param>
    public BoundedStringPool(int slots = 256)
    {
        if (slots < 2 || (slots & (slots - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(slots), slots, "must be a power of two, at least 2");
        _slots = new string?[slots];
        _mask = slots - 1;
    }

    /// <summary>How many strings the pool can hold.</summary>
    public int Capacity => _slots.Length;

    /// <summary>How many strings it holds now.</summary>
    public int Count => _slots.Count(s => s is not null);

    /// <summary>A string with this text: the pooled instance when there is one, else a new one (pooled when short enough).</summary>
    public string Get(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return string.Empty;
        if (text.Length > MaxLength) return new string(text);
        var hash = string.GetHashCode(text, StringComparison.Ordinal);
        var first = hash & _mask;
        var second = (first ^ (1 + ((hash >>> 16) % _mask))) & _mask; // another slot, never the first
        var a = Volatile.Read(ref _slots[first]);
        if (a is not null && text.SequenceEqual(a)) return a;
        var b = Volatile.Read(ref _slots[second]);
        if (b is not null && text.SequenceEqual(b)) return b;
        var value = new string(text);
        Volatile.Write(ref _slots[a is null ? first : second], value);
        return value;
    }
}
