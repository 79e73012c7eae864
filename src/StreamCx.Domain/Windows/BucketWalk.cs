namespace StreamCx.Domain.Windows;

/// <summary>
/// Consecutive buckets of a <see cref="BucketRing"/>, read in place from a first index upwards. Bucket i + 1 lives in
/// the slot after bucket i (wrapping at the end), so the walk steps a slot position instead of taking the index modulo
/// the slot count for every bucket; what it returns for each index is exactly what <see cref="BucketRing.Peek"/> returns.
/// </summary>
public ref struct BucketWalk
{
    private readonly Bucket[] _slots;
    private long _index;
    private int _slot;

    internal BucketWalk(Bucket[] slots, long first, int firstSlot)
    {
        _slots = slots;
        _index = first;
        _slot = firstSlot;
    }

    /// <summary>The next bucket (the first one at the start); <paramref name="filled"/> as for <see cref="BucketRing.Peek"/>.</summary>
    public ref readonly Bucket Next(out bool filled)
    {
        ref var b = ref _slots[_slot];
        filled = b.Index == _index && b.Count > 0;
        _index++;
        if (++_slot == _slots.Length) _slot = 0;
        return ref b;
    }
}
