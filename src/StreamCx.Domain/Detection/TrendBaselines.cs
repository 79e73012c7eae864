using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Detection;

/// <summary>
/// The trend detector's baseline sums (one per trend span), kept between evaluations of one site-attribute. They only
/// change when the newest bucket moves, when the daily profile learns, or when an observation lands in a baseline
/// bucket (<see cref="Written"/>); otherwise an evaluation reuses them instead of walking the whole baseline window.
/// </summary>
public sealed class TrendBaselines
{
    private WindowStats[] _values = [];
    private long _current = long.MinValue;
    private int _profileVersion = -1;
    private long _lowestWrite = long.MaxValue;

    /// <summary>An observation was added to bucket <paramref name="index"/>.</summary>
    public void Written(long index)
    {
        if (index < _lowestWrite) _lowestWrite = index;
    }

    /// <summary>Forgets the sums (e.g. after a restore).</summary>
    public void Clear() => _current = long.MinValue;

    /// <summary>The stored sums when still valid for this newest bucket, profile, and newest baseline bucket; else null.</summary>
    internal WindowStats[]? Get(long current, int profileVersion, long newestBaselineIndex, int spans) =>
        _current == current && _current != long.MinValue && _profileVersion == profileVersion && _lowestWrite > newestBaselineIndex && _values.Length == spans
            ? _values
            : null;

    internal WindowStats[] Store(long current, int profileVersion, int spans)
    {
        if (_values.Length != spans) _values = new WindowStats[spans];
        _current = current;
        _profileVersion = profileVersion;
        _lowestWrite = long.MaxValue;
        return _values;
    }
}
