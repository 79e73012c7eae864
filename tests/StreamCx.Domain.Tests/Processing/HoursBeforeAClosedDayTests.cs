using StreamCx.Domain.Detection;
using StreamCx.Domain.Processing;
using StreamCx.Domain.Tests.TestSupport;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Tests.Processing;

/// <summary>
/// The last hours before a closed day (a gap longer than the ring) are learned when the next response comes, not dropped:
/// the observation that closes them is added to the ring only after they are learned.
/// </summary>
public sealed class HoursBeforeAClosedDayTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Every_hour_of_the_day_before_a_closed_day_is_learned()
    {
        var settings = new DetectionSettings();
        var catalog = TestCatalog.Create();
        var monitor = new AttributeMonitor(catalog.Site(TestCatalog.LilleCentre), catalog.Attribute(TestCatalog.WaitingTime), settings);
        var n = 0;
        void Respond(DateTimeOffset at) =>
            monitor.Apply(new AttributeObservation(TestCatalog.WaitingTime, $"e{n++}", at, "web", 4, null, null), Lateness.OnTime);
        for (var at = T0.AddHours(8); at < T0.AddHours(21); at = at.AddMinutes(10)) Respond(at); // open 8–21 h, 6 an hour
        Assert.True(settings.RingSpan < TimeSpan.FromHours(39));

        Respond(T0.AddDays(2).AddHours(12)); // the next response, a closed day later

        Assert.Equal(13, monitor.Profile.Daily.Sum(slot => slot.Days));
    }
}
