using StreamCx.Domain.Detection.Seasonality;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Detection.Drift;

/// <summary>
/// The slow fall's state carried on through the hours not closed yet, up to the current bucket (as <see cref="OpenHoursDrift"/>
/// for the drift accumulators): provisional, for one evaluation. The state after the open hours before the current one is
/// kept until a response lands in them, or the closed state, the drift, the profile or the current hour changes.
/// </summary>
public sealed class OpenHoursSlowFall
{
    private long _currentHour = long.MinValue;
    private long _learnedThrough;
    private int _profileVersion;
    private SlowFallState? _closed;
    private DriftState _drift;
    private SlowFallState _beforeCurrentHour = SlowFallState.Empty;

    /// <summary>A response was added in UTC hour <paramref name="hour"/>: the kept state is dropped if it covered that hour.</summary>
    public void Written(long hour)
    {
        if (hour < _currentHour) _currentHour = long.MinValue;
    }

    public void Clear() => _currentHour = long.MinValue;

    /// <param name="learnedThroughHour">The last closed hour the slow fall learned.</param>
    public SlowFallState Read(SlowFallEwma slowFall, in DriftState drift, BucketRing ring, long current, long learnedThroughHour, SeasonalProfile profile, double range)
    {
        var perHour = ring.Clock.BucketsIn(TimeSpan.FromHours(1));
        var currentHour = ring.Clock.HourIndex(current);
        if (currentHour != _currentHour || learnedThroughHour != _learnedThrough || profile.Version != _profileVersion
            || !ReferenceEquals(slowFall.State, _closed) || !drift.Equals(_drift))
        {
            var state = slowFall.State;
            for (var hour = learnedThroughHour + 1; hour < currentHour; hour++) state = Step(slowFall, state, drift, ring, hour, perHour, current, profile, range);
            (_currentHour, _learnedThrough, _profileVersion, _closed, _drift, _beforeCurrentHour) = (currentHour, learnedThroughHour, profile.Version, slowFall.State, drift, state);
        }
        return currentHour > learnedThroughHour ? Step(slowFall, _beforeCurrentHour, drift, ring, currentHour, perHour, current, profile, range) : _beforeCurrentHour;
    }

    private static SlowFallState Step(SlowFallEwma slowFall, SlowFallState state, in DriftState drift, BucketRing ring, long hour, int perHour, long current, SeasonalProfile profile, double range)
    {
        var first = Math.Max(hour * perHour, ring.Newest - ring.Capacity + 1);
        var stats = ring.Stats(first, Math.Min((hour * perHour) + perHour - 1, current));
        return slowFall.Step(state, hour, stats, profile.Offset(hour), range, drift, profile.Borrows(hour));
    }
}
