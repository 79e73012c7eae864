using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Detection;

/// <summary>
/// The trend detector's sums kept between evaluations of one site-attribute: the baseline sums (one per trend span),
/// and the spans' own sums over their older buckets (<see cref="Spans"/>). The baselines only change when the newest
/// bucket moves, when the daily profile learns, or when an observation lands in a baseline bucket (<see cref="Written"/>);
/// otherwise an evaluation reuses them instead of walking the whole baseline window.
/// </summary>
public sealed class TrendBaselines
{
    private WindowStats[] _values = [];
    private KeptSumsValidity _validity = new();

    /// <summary>The spans' sums over all their buckets but the newest.</summary>
    public TrendSpanPrefixes Spans { get; } = new();

    /// <summary>An observation was added to bucket <paramref name="index"/>.</summary>
    public void Written(long index)
    {
        _validity.Written(index);
        Spans.Written(index);
    }

    /// <summary>Forgets the sums (e.g. after a restore).</summary>
    public void Clear()
    {
        _validity.Clear();
        Spans.Clear();
    }

    /// <summary>The stored sums when still valid for this newest bucket, profile, and newest baseline bucket; else null.</summary>
    internal WindowStats[]? Get(long current, int profileVersion, long newestBaselineIndex, int spans) =>
        _validity.Holds(current, profileVersion, newestBaselineIndex) && _values.Length == spans ? _values : null;

    internal WindowStats[] Store(long current, int profileVersion, int spans)
    {
        if (_values.Length != spans) _values = new WindowStats[spans];
        _validity.Stored(current, profileVersion);
        return _values;
    }
}
