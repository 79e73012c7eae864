using CsCheck;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Tests.Windows;

public sealed class BucketClockTests
{
    private static readonly BucketClock Quarter = new(TimeSpan.FromMinutes(15));

    [Fact]
    public void Time_maps_to_the_bucket_that_contains_it()
    {
        var t = new DateTimeOffset(2026, 3, 1, 9, 37, 30, TimeSpan.Zero);

        var index = Quarter.IndexOf(t);

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.Zero), Quarter.StartOf(index));
        Assert.Equal(7.5 / 60, Quarter.TauHours(t), 12);
    }

    [Fact]
    public void Bucket_start_belongs_to_its_bucket_and_the_tick_before_to_the_previous_one()
    {
        var start = new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);

        Assert.Equal(Quarter.IndexOf(start) - 1, Quarter.IndexOf(start.AddTicks(-1)));
        Assert.Equal(Quarter.IndexOf(start), Quarter.IndexOf(start.AddMinutes(15).AddTicks(-1)));
        Assert.Equal(0.0, Quarter.TauHours(start));
    }

    [Fact]
    public void Same_instant_in_different_offsets_has_the_same_index_and_tau()
    {
        var utc = new DateTimeOffset(2026, 3, 1, 14, 40, 0, TimeSpan.Zero);
        var newYork = utc.ToOffset(TimeSpan.FromHours(-5));
        var kolkata = utc.ToOffset(new TimeSpan(5, 30, 0));

        Assert.Equal(Quarter.IndexOf(utc), Quarter.IndexOf(newYork));
        Assert.Equal(Quarter.IndexOf(utc), Quarter.IndexOf(kolkata));
        Assert.Equal(Quarter.TauHours(utc), Quarter.TauHours(kolkata));
    }

    [Fact]
    public void Negative_offset_before_1970_maps_on_the_utc_instant()
    {
        // 23:50 at -05:00 on the last day of 1969 is 04:50 UTC on 1970-01-01.
        var t = new DateTimeOffset(1969, 12, 31, 23, 50, 0, TimeSpan.FromHours(-5));

        var start = Quarter.StartOf(Quarter.IndexOf(t));

        Assert.Equal(new DateTimeOffset(1970, 1, 1, 4, 45, 0, TimeSpan.Zero), start);
        Assert.Equal(TimeSpan.Zero, start.Offset);
        Assert.Equal(5.0 / 60, Quarter.TauHours(t), 12);
    }

    [Fact]
    public void Times_before_1970_keep_their_order_across_the_epoch()
    {
        var epoch = DateTimeOffset.UnixEpoch;

        Assert.Equal(Quarter.IndexOf(epoch) - 1, Quarter.IndexOf(epoch.AddTicks(-1)));
        Assert.Equal(epoch, Quarter.StartOf(Quarter.IndexOf(epoch)));
        Assert.Equal(epoch.AddMinutes(-15), Quarter.StartOf(Quarter.IndexOf(epoch.AddTicks(-1))));
        Assert.Equal(0.25 - (1.0 / TimeSpan.TicksPerHour), Quarter.TauHours(epoch.AddTicks(-1)), 12);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(15)]
    [InlineData(60)]
    [InlineData(1440)]
    public void Unix_epoch_is_a_bucket_boundary_for_widths_that_divide_a_day(int minutes)
    {
        var clock = new BucketClock(TimeSpan.FromMinutes(minutes));

        Assert.Equal(DateTimeOffset.UnixEpoch, clock.StartOf(clock.IndexOf(DateTimeOffset.UnixEpoch)));
    }

    [Fact]
    public void Consecutive_indices_are_one_width_apart()
    {
        var i = Quarter.IndexOf(new DateTimeOffset(1950, 6, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(TimeSpan.FromMinutes(15), Quarter.StartOf(i + 1) - Quarter.StartOf(i));
    }

    [Theory]
    [InlineData(60, 4)]
    [InlineData(61, 5)]
    [InlineData(14, 1)]
    [InlineData(15, 1)]
    [InlineData(0, 0)]
    [InlineData(720, 48)]
    public void BucketsIn_rounds_up(int minutes, int expected)
    {
        Assert.Equal(expected, Quarter.BucketsIn(TimeSpan.FromMinutes(minutes)));
    }

    [Fact]
    public void HourOfDay_is_the_utc_hour_of_the_bucket_start()
    {
        var t = new DateTimeOffset(2026, 3, 1, 23, 50, 0, TimeSpan.FromHours(-5)); // 04:50 UTC next day

        Assert.Equal(4, Quarter.HourOfDay(Quarter.IndexOf(t)));
        Assert.Equal(0.25, Quarter.WidthHours);
    }

    [Fact]
    public void Index_start_and_tau_round_trip_for_any_time_offset_and_width()
    {
        var widths = Gen.OneOf(Gen.Const(1L), Gen.Const(7L), Gen.Const(15L), Gen.Const(60L), Gen.Const(1440L)).Select(m => TimeSpan.FromMinutes(m));
        var minTicks = new DateTimeOffset(1900, 1, 2, 0, 0, 0, TimeSpan.Zero).UtcTicks;
        var maxTicks = new DateTimeOffset(2200, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;
        var times = Gen.Select(Gen.Long[minTicks, maxTicks], Gen.Int[-14 * 4, 14 * 4],
            (ticks, quarters) => new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(15 * quarters)));

        Gen.Select(widths, times).Sample((width, t) =>
        {
            var clock = new BucketClock(width);
            var index = clock.IndexOf(t);
            var start = clock.StartOf(index);

            Assert.Equal(TimeSpan.Zero, start.Offset);
            Assert.True(start <= t, $"start {start:o} after {t:o}");
            Assert.True(t < clock.StartOf(index + 1), $"{t:o} not before next start");
            Assert.Equal(index, clock.IndexOf(start));
            Assert.Equal(index, clock.IndexOf(t.ToUniversalTime()));
            var tau = clock.TauHours(t);
            Assert.InRange(tau, 0, clock.WidthHours);
            Assert.True(tau < clock.WidthHours);
            Assert.Equal((t - start).Ticks, Math.Round(tau * TimeSpan.TicksPerHour));
        }, iter: 20_000);
    }
}
