namespace StreamCx.Domain.Windows;

/// <summary>
/// The sliding event-time window of one site-attribute: a ring of buckets covering a fixed span (<see cref="Capacity"/>
/// buckets). A bucket slot is reused when a newer bucket needs it; reads check the stored index so stale data never
/// leaks. The slots grow with the span of data actually held (from <see cref="InitialSlots"/> up to the capacity), so a
/// quiet site-attribute costs a few hundred bytes, not the whole window.
/// </summary>
public sealed class BucketRing
{
    public const int InitialSlots = 4;

    private Bucket[] _buckets;

    public BucketRing(BucketClock clock, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        Clock = clock;
        Capacity = capacity;
        _buckets = EmptySlots(Math.Min(capacity, InitialSlots));
    }

    public BucketClock Clock { get; }

    /// <summary>How many buckets the window spans.</summary>
    public int Capacity { get; }

    /// <summary>How many slots are allocated now (at most <see cref="Capacity"/>).</summary>
    public int Slots => _buckets.Length;

    /// <summary>Highest bucket index that received data (long.MinValue when empty).</summary>
    public long Newest { get; private set; } = long.MinValue;

    public bool Accepts(long index) => Newest == long.MinValue || index > Newest - Capacity;

    public void Add(DateTimeOffset time, double value, bool dissatisfied)
    {
        var index = Clock.IndexOf(time);
        if (!Accepts(index)) throw new InvalidOperationException("the bucket for this time has left the window");
        ref var bucket = ref Slot(index);
        if (bucket.Index != index && bucket.Index != long.MinValue && IsLive(bucket.Index, Math.Max(Newest, index)))
        {
            Grow(Math.Max(Newest, index), index);
            bucket = ref Slot(index);
        }
        if (bucket.Index != index) bucket = new Bucket { Index = index };
        bucket.Add(value, Clock.TauHours(time), dissatisfied);
        if (index > Newest) Newest = index;
    }

    /// <summary>The bucket with this index, or an empty one when it has no data or was overwritten.</summary>
    public Bucket Get(long index)
    {
        var b = Slot(index);
        return b.Index == index ? b : new Bucket { Index = index };
    }

    /// <summary>
    /// The stored bucket with this index, read in place (no copy); <paramref name="filled"/> is false when the slot holds
    /// another index or nothing, and the bucket returned must then be ignored.
    /// </summary>
    public ref readonly Bucket Peek(long index, out bool filled)
    {
        ref var b = ref Slot(index);
        filled = b.Index == index && b.Count > 0;
        return ref b;
    }

    /// <summary>
    /// Reads the buckets from <paramref name="from"/> upwards, one by one, as <see cref="Peek"/> would, but stepping from
    /// slot to slot instead of dividing per bucket. Valid until the next <see cref="Add"/> or <see cref="Restore"/>.
    /// </summary>
    public BucketWalk Walk(long from) => new(_buckets, from, (int)Mod(from, _buckets.Length));

    /// <summary>Count, sum and sum of squares over buckets [from, to] inclusive.</summary>
    public WindowStats Stats(long from, long to)
    {
        int count = 0, dissatisfied = 0;
        double sum = 0, squares = 0;
        var first = Math.Max(from, Newest - Capacity + 1);
        var walk = Walk(first);
        for (var i = first; i <= to; i++)
        {
            ref readonly var b = ref walk.Next(out var filled);
            if (!filled) continue;
            count += b.Count;
            dissatisfied += b.Dissatisfied;
            sum += b.Sum;
            squares += b.SumSquares;
        }
        return new WindowStats(count, dissatisfied, sum, squares);
    }

    public IEnumerable<Bucket> Filled()
    {
        if (Newest == long.MinValue) yield break;
        for (var i = Newest - Capacity + 1; i <= Newest; i++)
        {
            var b = Get(i);
            if (b.Count > 0) yield return b;
        }
    }

    public void Restore(IEnumerable<Bucket> buckets)
    {
        if (_buckets.Length < Capacity) _buckets = Newest == long.MinValue ? EmptySlots(Capacity) : Relayout(EmptySlots(Capacity), Newest);
        foreach (var b in buckets.OrderBy(b => b.Index))
        {
            Slot(b.Index) = b;
            if (b.Index > Newest) Newest = b.Index;
        }
    }

    private bool IsLive(long index, long newest) => index > newest - Capacity;

    /// <summary>More slots, until every live bucket and the new one have a slot of their own (at most the capacity).</summary>
    private void Grow(long newest, long adding)
    {
        var length = _buckets.Length;
        while (length < Capacity)
        {
            length = Math.Min(Capacity, length * 2);
            if (FitsIn(length, newest, adding)) break;
        }
        _buckets = Relayout(EmptySlots(length), newest);
    }

    private bool FitsIn(int length, long newest, long adding)
    {
        var used = new HashSet<long> { Mod(adding, length) };
        foreach (var b in _buckets)
            if (b.Index != long.MinValue && IsLive(b.Index, newest) && !used.Add(Mod(b.Index, length))) return false;
        return true;
    }

    private Bucket[] Relayout(Bucket[] slots, long newest)
    {
        foreach (var b in _buckets)
            if (b.Index != long.MinValue && IsLive(b.Index, newest)) slots[Mod(b.Index, slots.Length)] = b;
        return slots;
    }

    private static Bucket[] EmptySlots(int length)
    {
        var slots = new Bucket[length];
        for (var i = 0; i < length; i++) slots[i].Index = long.MinValue;
        return slots;
    }

    /// <summary>
    /// Index modulo length in [0, length): one division, a 32-bit one for the non-negative indices below 2^32 that
    /// event times give (every read of a bucket goes through here, so the detectors' loops pay it per bucket).
    /// </summary>
    private static long Mod(long index, int length)
    {
        if ((ulong)index <= uint.MaxValue) return (uint)index % (uint)length;
        var r = index % length;
        return r < 0 ? r + length : r;
    }

    private ref Bucket Slot(long index) => ref _buckets[(int)Mod(index, _buckets.Length)];
}
