namespace StreamCx.Domain.Detection;

/// <summary>
/// When sums derived from a bucket ring and its daily profile, and kept between evaluations, may be reused: they were
/// computed for the same newest bucket and the same profile version, and no observation has since landed in a bucket
/// they cover. Every observation added to the ring must be reported with <see cref="Written"/>.
/// </summary>
internal struct KeptSumsValidity
{
    private long _current;
    private int _profileVersion;
    private long _lowestWrite;

    public KeptSumsValidity() => Clear();

    /// <summary>An observation was added to bucket <paramref name="index"/>.</summary>
    public void Written(long index)
    {
        if (index < _lowestWrite) _lowestWrite = index;
    }

    /// <summary>Nothing kept is valid any more (e.g. after a restore).</summary>
    public void Clear()
    {
        _current = long.MinValue;
        _profileVersion = -1;
        _lowestWrite = long.MaxValue;
    }

    /// <summary>
    /// True when the sums were stored for this newest bucket and profile version and no bucket up to
    /// <paramref name="newestCovered"/> was written since.
    /// </summary>
    public readonly bool Holds(long current, int profileVersion, long newestCovered) =>
        _current == current && _current != long.MinValue && _profileVersion == profileVersion && _lowestWrite > newestCovered;

    /// <summary>The sums are being stored now, for this newest bucket and profile version.</summary>
    public void Stored(long current, int profileVersion)
    {
        _current = current;
        _profileVersion = profileVersion;
        _lowestWrite = long.MaxValue;
    }
}
