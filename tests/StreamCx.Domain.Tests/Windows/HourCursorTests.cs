using CsCheck;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Tests.Windows;

/// <summary>The stepping hour cursor against the bucket clock's own definition (the hour the bucket starts in).</summary>
public sealed class HourCursorTests
{
    [Theory]
    [InlineData(5)]
    [InlineData(15)]
    [InlineData(20)]
    [InlineData(60)]
    public void Hour_of_every_visited_bucket_is_the_hour_its_start_falls_in(int widthMinutes)
    {
        var clock = new BucketClock(TimeSpan.FromMinutes(widthMinutes));
        var gen = Gen.Select(Gen.Long[0, 4_000_000], Gen.Int[0, 5].Array[1, 400]);
        gen.Sample((first, steps) =>
        {
            var cursor = new HourCursor(clock, first);
            var index = first;
            foreach (var step in steps)
            {
                index += step;
                Assert.Equal(clock.StartOf(index).UtcDateTime.Hour, cursor.HourOf(index));
            }
        });
    }

    [Fact]
    public void Clock_hour_of_day_matches_the_calendar_for_any_bucket()
    {
        var clock = new BucketClock(TimeSpan.FromMinutes(15));
        Gen.Long[0, 10_000_000].Sample(index => Assert.Equal(clock.StartOf(index).UtcDateTime.Hour, clock.HourOfDay(index)));
    }

    [Fact]
    public void Buckets_per_hour_follow_the_width()
    {
        Assert.Equal(4, new BucketClock(TimeSpan.FromMinutes(15)).BucketsPerHour);
        Assert.Equal(1, new BucketClock(TimeSpan.FromHours(1)).BucketsPerHour);
    }
}
