using StreamCx.Domain.EventTime;

namespace StreamCx.Domain.Tests.EventTime;

public sealed class RestoredInputTimesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private static SavedInputTime Saved(string input, double hours, string channel, long position) => new(input, T0.AddHours(hours), CaughtUp: true, channel, position);

    [Fact]
    public void A_saved_time_is_ready_only_once_its_channel_is_read_up_to_where_it_was_learnt()
    {
        var restored = new RestoredInputTimes();
        restored.Restore([Saved("feedback/0", 3, "regions/2", 120)]);

        Assert.Empty(restored.TakeReady()); // nothing read yet: events it covers may still come
        restored.Read("regions/2", 119);
        Assert.Empty(restored.TakeReady());
        restored.Read("regions/2", 120);
        Assert.Equal([Saved("feedback/0", 3, "regions/2", 120)], restored.TakeReady());
        Assert.Empty(restored.TakeReady()); // taken out
    }

    [Fact]
    public void An_input_read_to_its_end_passes_every_saved_position_in_it()
    {
        var restored = new RestoredInputTimes();
        restored.Restore([Saved("feedback/0", 3, "feedback/0", 9)]);

        restored.ReadToEnd("feedback/0");

        Assert.Single(restored.TakeReady());
    }

    [Fact]
    public void What_was_read_before_a_channel_was_assigned_anew_no_longer_counts_and_a_revoked_channel_drops_its_times()
    {
        var restored = new RestoredInputTimes();
        restored.Restore([Saved("feedback/0", 3, "regions/2", 120), Saved("feedback/1", 3, "regions/3", 5)]);
        restored.Read("regions/2", 500);

        restored.Unread("regions/2");
        restored.Forget("regions/3");
        restored.Read("regions/3", 10);

        Assert.Empty(restored.TakeReady());
        restored.Read("regions/2", 120);
        Assert.Equal(["feedback/0"], restored.TakeReady().Select(t => t.Input));
    }

    [Fact]
    public void Each_input_waits_at_its_latest_saved_time_per_channel()
    {
        var restored = new RestoredInputTimes();
        restored.Restore([Saved("feedback/0", 2, "regions/2", 10), Saved("feedback/1", 1, "regions/2", 10)]);
        restored.Restore([Saved("feedback/0", 3, "regions/2", 20), Saved("feedback/0", 1, "regions/2", 5)]);
        restored.Read("regions/2", 25);

        var ready = restored.TakeReady().ToDictionary(t => t.Input, t => t.Time);

        Assert.Equal(T0.AddHours(3), ready["feedback/0"]);
        Assert.Equal(T0.AddHours(1), ready["feedback/1"]);
    }

    [Fact]
    public void Known_inputs_are_saved_with_the_channel_they_came_through_and_how_far_it_was_read()
    {
        var restored = new RestoredInputTimes();
        restored.Read("regions/2", 42);
        restored.Read("feedback/0", 7);
        IReadOnlyList<InputReport> known = [new InputReport("feedback/0", T0, CaughtUp: false)];

        Assert.Equal([new SavedInputTime("feedback/0", T0, false, "regions/2", 42)], restored.ToSave("regions/2", known));
        Assert.Equal([new SavedInputTime("feedback/0", T0, false, "feedback/0", 7)], restored.ToSave(null, known));
    }
}
