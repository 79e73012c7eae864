using StreamCx.Domain.Detection.Seasonality;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Detection.Drift;

/// <summary>
/// A drift accumulator's state carried on through the hours not closed yet (still open to late events), up to the current
/// bucket: provisional, for one evaluation (the accumulator itself learns closed hours only). The state after the open
/// hours before the current one is kept until a response lands in them, or the closed state, the profile or the current
/// hour changes: an evaluation in the current hour steps through that hour only.
/// </summary>
public sealed class OpenHoursDrift
{
    private long _currentHour = long.MinValue;
    private long _learnedThrough;
    private int _profileVersion;
    private DriftState _closed;
    private DriftState _beforeCurrentHour;

    /// <summary>A response was added in UTC hour <paramref name="hour"/>: the kept state is dropped if it covered that hour.</summary>
    public void Written(long hour)
    {
        if (hour < _currentHour) _currentHour = long.MinValue;
    }

    public void Clear() => _currentHour = long.MinValue;

    /// <param name="learnedThroughHour">The last closed hour the accumulator learned.</param>
    public DriftState Read(DriftAccumulator drift, BucketRing ring, long current, long learnedThroughHour, SeasonalProfile profile, double range)
    {
        var perHour = ring.Clock.BucketsIn(TimeSpan.FromHours(1));
        var currentHour = ring.Clock.HourIndex(current);
        if (currentHour != _currentHour || learnedThroughHour != _learnedThrough || profile.Version != _profileVersion || !drift.State.Equals(_closed))
        {
            var state = drift.State;
            for (var hour = learnedThroughHour + 1; hour < currentHour; hour++) state = Step(drift, state, ring, hour, perHour, current, profile, range);
            (_currentHour, _learnedThrough, _profileVersion, _closed, _beforeCurrentHour) = (currentHour, learnedThroughHour, profile.Version, drift.State, state);
        }
        return currentHour > learnedThroughHour ? Step(drift, _beforeCurrentHour, ring, currentHour, perHour, current, profile, range) : _beforeCurrentHour;
    }

    private static DriftState Step(DriftAccumulator drift, DriftState state, BucketRing ring, long hour, int perHour, long current, SeasonalProfile profile, double range)
    {
        var first = Math.Max(hour * perHour, ring.Newest - ring.Capacity + 1);
        var stats = ring.Stats(first, Math.Min((hour * perHour) + perHour - 1, current));
        return drift.Step(state, hour, stats, profile.Offset(hour), range, profile.Borrows(hour));
    }
}
