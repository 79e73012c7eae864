using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Tests.Windows;

public sealed class WatermarkTests
{
    private static readonly TimeSpan OutOfOrder = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Allowed = TimeSpan.FromHours(1);
    private static readonly DateTimeOffset Newest = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static Watermark Advanced()
    {
        var w = new Watermark(OutOfOrder, Allowed);
        w.Advance(Newest);
        return w;
    }

    [Fact]
    public void Without_events_there_is_no_watermark_and_everything_is_on_time()
    {
        var w = new Watermark(OutOfOrder, Allowed);

        Assert.Null(w.Current);
        Assert.Null(w.NewestEventTime);
        Assert.Equal(Lateness.OnTime, w.Classify(DateTimeOffset.MinValue.AddYears(1)));
    }

    [Fact]
    public void Watermark_trails_the_newest_event_by_the_out_of_orderness()
    {
        Assert.Equal(Newest - OutOfOrder, Advanced().Current);
    }

    public static TheoryData<long, Lateness> Boundaries => new()
    {
        { TimeSpan.FromHours(1).Ticks, Lateness.OnTime },                       // ahead of the newest event
        { 0, Lateness.OnTime },                                                // the newest event itself
        { -OutOfOrder.Ticks, Lateness.OnTime },                                // exactly at the watermark
        { -OutOfOrder.Ticks - 1, Lateness.Late },                              // one tick behind it
        { -(OutOfOrder + Allowed).Ticks, Lateness.Late },                     // exactly at the end of allowed lateness
        { -(OutOfOrder + Allowed).Ticks - 1, Lateness.TooLate },              // one tick beyond
        { -TimeSpan.FromDays(30).Ticks, Lateness.TooLate },
    };

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void Classification_at_the_exact_boundaries(long ticksFromNewest, Lateness expected)
    {
        Assert.Equal(expected, Advanced().Classify(Newest.AddTicks(ticksFromNewest)));
    }

    [Fact]
    public void Classification_compares_instants_whatever_the_offset()
    {
        var w = Advanced();
        var atWatermarkInNewYork = (Newest - OutOfOrder).ToOffset(TimeSpan.FromHours(-5));
        var tickLateInTokyo = (Newest - OutOfOrder - Allowed).AddTicks(-1).ToOffset(TimeSpan.FromHours(9));

        Assert.Equal(Lateness.OnTime, w.Classify(atWatermarkInNewYork));
        Assert.Equal(Lateness.TooLate, w.Classify(tickLateInTokyo));
    }

    [Fact]
    public void Older_events_do_not_move_the_watermark_back()
    {
        var w = Advanced();

        w.Advance(Newest.AddHours(-3));

        Assert.Equal(Newest, w.NewestEventTime);
    }

    [Fact]
    public void Newer_events_move_the_watermark_forward()
    {
        var w = Advanced();

        w.Advance(Newest.AddHours(2));

        Assert.Equal(Newest.AddHours(2) - OutOfOrder, w.Current);
        Assert.Equal(Lateness.TooLate, w.Classify(Newest.AddMinutes(-10)));
    }

    [Fact]
    public void Zero_tolerances_make_anything_behind_the_newest_event_too_late()
    {
        var w = new Watermark(TimeSpan.Zero, TimeSpan.Zero);
        w.Advance(Newest);

        Assert.Equal(Lateness.OnTime, w.Classify(Newest));
        Assert.Equal(Lateness.TooLate, w.Classify(Newest.AddTicks(-1)));
    }

    [Fact]
    public void Restore_sets_the_newest_event_time()
    {
        var w = new Watermark(OutOfOrder, Allowed);

        w.Restore(Newest);

        Assert.Equal(Newest - OutOfOrder, w.Current);
        w.Restore(null);
        Assert.Null(w.Current);
    }
}
