namespace StreamCx.Domain.Windows;

/// <summary>
/// Walks bucket indices upwards and gives each one's hour of the UTC day, without a division per bucket: the detectors'
/// loops read the daily profile for every bucket they visit.
/// </summary>
public struct HourCursor
{
    private readonly int _bucketsPerHour;
    private long _index;
    private int _hour;
    private int _phase;

    public HourCursor(BucketClock clock, long first)
    {
        _bucketsPerHour = clock.BucketsPerHour;
        _index = first;
        _hour = clock.HourOfDay(first);
        _phase = (int)(((first % _bucketsPerHour) + _bucketsPerHour) % _bucketsPerHour);
    }

    /// <summary>The hour of bucket <paramref name="index"/>, which must not be below the previous one asked.</summary>
    public int HourOf(long index)
    {
        while (_index < index)
        {
            _index++;
            if (++_phase == _bucketsPerHour)
            {
                _phase = 0;
                _hour = _hour == 23 ? 0 : _hour + 1;
            }
        }
        return _hour;
    }
}

/// <summary>
/// Walks bucket indices upwards and gives each one's UTC hour (<see cref="BucketClock.HourIndex"/>), without a division
/// per bucket: the detectors' loops read the seasonal profile for every bucket they visit.
/// </summary>
public struct HourIndexCursor
{
    private readonly int _bucketsPerHour;
    private long _index;
    private long _hour;
    private int _phase;

    public HourIndexCursor(BucketClock clock, long first)
    {
        _bucketsPerHour = clock.BucketsPerHour;
        _index = first;
        _hour = clock.HourIndex(first);
        _phase = (int)(((first % _bucketsPerHour) + _bucketsPerHour) % _bucketsPerHour);
    }

    /// <summary>The UTC hour of bucket <paramref name="index"/>, which must not be below the previous one asked.</summary>
    public long HourOf(long index)
    {
        while (_index < index)
        {
            _index++;
            if (++_phase == _bucketsPerHour)
            {
                _phase = 0;
                _hour++;
            }
        }
        return _hour;
    }
}
