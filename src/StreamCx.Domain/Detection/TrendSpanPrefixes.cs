namespace StreamCx.Domain.Detection;

/// <summary>
/// Each trend span's <see cref="TrendSpanSums"/> over all its buckets but the newest, kept between evaluations of one
/// site-attribute, so that an evaluation walks one bucket per span instead of 8–16.
/// </summary>
/// <remarks>
/// Why reusing them gives exactly what a fresh walk gives: the span's sums are a left fold over its buckets from the
/// oldest to the newest, so "kept sums of the older buckets, then the newest bucket's terms" is the very same sequence
/// of additions, bit for bit. The older buckets' terms depend on the buckets, the span's first bucket (fixed by the
/// newest one), the profile's offsets and the baseline mean. The kept sums are therefore used only for the same newest
/// bucket and profile version, when no observation landed below the newest bucket since (<see cref="Written"/>), and
/// for the same baseline mean (compared exactly).
/// </remarks>
public sealed class TrendSpanPrefixes
{
    private KeptSumsValidity _validity = new();
    // one entry per span, made at the first Store: a quiet site-attribute (baseline too thin to test) never needs it
    private Entry[] _entries = [];
    private int _spans;

    /// <summary>An observation was added to bucket <paramref name="index"/>.</summary>
    public void Written(long index) => _validity.Written(index);

    /// <summary>Forgets the sums (e.g. after a restore).</summary>
    public void Clear() => _validity.Clear();

    /// <summary>Starts an evaluation: keeps the sums if they are still valid for this newest bucket and profile, else forgets them.</summary>
    internal void Begin(long current, int profileVersion, int spans)
    {
        if (_spans != spans)
        {
            _spans = spans;
            _entries = [];
            _validity.Clear();
        }
        if (_validity.Holds(current, profileVersion, current - 1)) return;
        Array.Clear(_entries);
        _validity.Stored(current, profileVersion);
    }

    /// <summary>The kept sums of span <paramref name="span"/>'s older buckets, when computed with this baseline mean.</summary>
    internal bool TryGet(int span, double mu, out TrendSpanSums sums)
    {
        if (span < _entries.Length && _entries[span] is { Held: true } entry && entry.Mu.Equals(mu))
        {
            sums = entry.Sums;
            return true;
        }
        sums = default;
        return false;
    }

    internal void Store(int span, double mu, TrendSpanSums sums)
    {
        if (_entries.Length != _spans) _entries = new Entry[_spans];
        _entries[span] = new Entry(sums, mu, Held: true);
    }

    private readonly record struct Entry(TrendSpanSums Sums, double Mu, bool Held);
}
