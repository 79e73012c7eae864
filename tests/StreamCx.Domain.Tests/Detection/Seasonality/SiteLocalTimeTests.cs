using StreamCx.Domain.Detection.Seasonality;

namespace StreamCx.Domain.Tests.Detection.Seasonality;

public sealed class SiteLocalTimeTests
{
    private static long HourOf(DateTimeOffset t) => t.UtcTicks / TimeSpan.TicksPerHour;

    [Fact]
    public void With_a_zone_the_local_hour_of_the_week_follows_its_DST_rules()
    {
        var paris = SiteLocalTime.For("Europe/Paris");
        // Saturday 24 Oct 2026, 13:00 local = 11:00 UTC (summer time); Saturday 31 Oct, 13:00 local = 12:00 UTC (winter time)
        var before = paris.HourOfWeek(HourOf(new DateTimeOffset(2026, 10, 24, 11, 0, 0, TimeSpan.Zero)));
        var after = paris.HourOfWeek(HourOf(new DateTimeOffset(2026, 10, 31, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal((5 * 24) + 13, before);
        Assert.Equal(before, after);
        Assert.Equal("a Saturday lunchtime", SiteLocalTime.PartOfWeek(after));
    }

    [Fact]
    public void Without_a_zone_the_offset_of_the_events_is_used_from_the_hour_it_changed()
    {
        var local = SiteLocalTime.For(null);
        var summer = new DateTimeOffset(2026, 10, 24, 13, 0, 0, TimeSpan.FromHours(2));
        var winter = new DateTimeOffset(2026, 10, 31, 13, 0, 0, TimeSpan.FromHours(1));
        local.Observe(summer);
        local.Observe(winter);
        Assert.Equal((5 * 24) + 13, local.HourOfWeek(HourOf(summer)));
        Assert.Equal((5 * 24) + 13, local.HourOfWeek(HourOf(winter)));
        Assert.Equal(2, local.OffsetChanges.Count);

        var restored = SiteLocalTime.For(null);
        restored.Restore(local.OffsetChanges.ToArray());
        Assert.Equal(local.HourOfWeek(HourOf(summer)), restored.HourOfWeek(HourOf(summer)));
    }

    [Fact]
    public void Monday_midnight_UTC_is_hour_zero_of_the_week()
    {
        Assert.Equal(0, SiteLocalTime.For("UTC").HourOfWeek(HourOf(new DateTimeOffset(2026, 10, 12, 0, 0, 0, TimeSpan.Zero))));
    }
}
