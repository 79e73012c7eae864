namespace StreamCx.Domain.Detection;

/// <summary>
/// The expectation detector's <see cref="ExpectationSums"/> over all the buckets of its window but the newest, kept
/// between evaluations of one site-attribute, so that an evaluation in the same newest bucket adds that bucket only.
/// </summary>
/// <remarks>
/// Why reusing them gives exactly what a fresh walk gives: the detector adds its window up from the oldest bucket to the
/// newest, so "kept sums of the older buckets, then the newest bucket" is the very same sequence of additions, bit for
/// bit. The older buckets' part depends on those buckets, the window's first bucket (fixed by the newest one) and the
/// profile. The kept sums are therefore used only for the same newest bucket and profile version, when no observation
/// landed below the newest bucket since (<see cref="Written"/>).
/// </remarks>
public sealed class ExpectationPrefix
{
    private KeptSumsValidity _validity = new();
    private ExpectationSums _sums;

    /// <summary>An observation was added to bucket <paramref name="index"/>.</summary>
    public void Written(long index) => _validity.Written(index);

    /// <summary>Forgets the sums (e.g. after a restore).</summary>
    public void Clear() => _validity.Clear();

    internal bool TryGet(long current, int profileVersion, out ExpectationSums sums)
    {
        sums = _sums;
        return _validity.Holds(current, profileVersion, current - 1);
    }

    internal void Store(long current, int profileVersion, ExpectationSums sums)
    {
        _sums = sums;
        _validity.Stored(current, profileVersion);
    }
}
