using CsCheck;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Live;

namespace StreamCx.Domain.Tests.Live;

public class ReplayBufferTests
{
    private const long Start = 1_000;

    private static LiveEvent Event(long id, string region = "north") => new(id, LiveEventTypes.Alert, $"{{\"n\":{id}}}", region, "s", "a", 0.5, [FactorKind.Peer]);

    private static ReplayBuffer Filled(int capacity, int count, Func<long, string>? region = null)
    {
        var buffer = new ReplayBuffer(capacity, Start);
        for (var id = Start + 1; id <= Start + count; id++) buffer.Add(Event(id, region?.Invoke(id) ?? "north"));
        return buffer;
    }

    [Fact]
    public void The_events_after_the_client_id_are_replayed_in_order()
    {
        var buffer = Filled(10, 5);
        var replay = buffer.Since(Start + 2, AlertFilter.All);
        Assert.Equal(ReplayGap.None, replay.Gap);
        Assert.Equal([Start + 3, Start + 4, Start + 5], replay.Events.Select(e => e.Id));
    }

    [Fact]
    public void The_current_position_replays_nothing_and_the_start_position_replays_everything()
    {
        var buffer = Filled(10, 5);
        Assert.Equal(ReplayGap.None, buffer.Since(buffer.Position, AlertFilter.All).Gap);
        Assert.Empty(buffer.Since(buffer.Position, AlertFilter.All).Events);
        Assert.Equal(5, buffer.Since(Start, AlertFilter.All).Events.Count);
        Assert.Equal(ReplayGap.None, buffer.Since(Start, AlertFilter.All).Gap);
    }

    [Fact]
    public void An_id_older_than_what_is_kept_replays_what_is_kept_and_says_events_were_missed()
    {
        var buffer = Filled(3, 10);
        Assert.Equal(Start + 8, buffer.OldestId);
        var replay = buffer.Since(Start + 5, AlertFilter.All);
        Assert.Equal(ReplayGap.Missed, replay.Gap);
        Assert.Equal([Start + 8, Start + 9, Start + 10], replay.Events.Select(e => e.Id));
        Assert.Equal(ReplayGap.None, buffer.Since(Start + 7, AlertFilter.All).Gap); // exactly the one before the oldest kept
        Assert.Equal(ReplayGap.Missed, buffer.Since(0, AlertFilter.All).Gap);
    }

    [Fact]
    public void An_id_ahead_of_the_stream_is_unknown_and_replays_nothing()
    {
        var buffer = Filled(3, 2);
        Assert.Equal(ReplayGap.Unknown, buffer.Since(Start + 3, AlertFilter.All).Gap);
        Assert.Empty(buffer.Since(long.MaxValue, AlertFilter.All).Events);
        Assert.Equal(ReplayGap.Unknown, buffer.Since(long.MaxValue, AlertFilter.All).Gap);
    }

    [Fact]
    public void An_empty_buffer_knows_its_start_position()
    {
        var buffer = new ReplayBuffer(3, Start);
        Assert.Null(buffer.OldestId);
        Assert.Equal(ReplayGap.None, buffer.Since(Start, AlertFilter.All).Gap);
        Assert.Equal(ReplayGap.Missed, buffer.Since(Start - 1, AlertFilter.All).Gap);
        Assert.Equal(ReplayGap.Unknown, buffer.Since(Start + 1, AlertFilter.All).Gap);
    }

    [Fact]
    public void The_replay_applies_the_filter()
    {
        var buffer = Filled(10, 6, id => id % 2 == 0 ? "north" : "paris");
        Assert.Equal([Start + 2, Start + 4, Start + 6], buffer.Since(Start, new AlertFilter(RegionId: "north")).Events.Select(e => e.Id));
    }

    [Fact]
    public void Ids_must_increase_and_may_skip()
    {
        var buffer = Filled(3, 1);
        buffer.Add(Event(Start + 3)); // the log entry in between published nothing
        Assert.Equal(Start + 3, buffer.Position);
        Assert.Throws<ArgumentException>(() => buffer.Add(Event(Start + 3)));
        Assert.Throws<ArgumentException>(() => buffer.Add(Event(Start + 2)));
        buffer.Skip(Start + 5);
        Assert.Equal(Start + 5, buffer.Position);
        Assert.Throws<ArgumentException>(() => buffer.Skip(Start + 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReplayBuffer(0, Start));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReplayBuffer(1, -1));
    }

    [Fact]
    public void With_ids_that_skip_only_an_id_before_an_event_dropped_from_the_buffer_has_missed_some()
    {
        var buffer = new ReplayBuffer(2, Start);
        foreach (var id in new long[] { 1, 4, 9, 12 }) buffer.Add(Event(Start + id)); // 1 and 4 dropped
        Assert.Equal(ReplayGap.None, buffer.Since(Start + 4, AlertFilter.All).Gap);
        Assert.Equal(ReplayGap.None, buffer.Since(Start + 7, AlertFilter.All).Gap); // an id that published nothing
        Assert.Equal([Start + 9, Start + 12], buffer.Since(Start + 7, AlertFilter.All).Events.Select(e => e.Id));
        Assert.Equal(ReplayGap.Missed, buffer.Since(Start + 3, AlertFilter.All).Gap);
    }

    [Fact]
    public void Whatever_the_capacity_count_and_client_id_the_replay_is_exactly_the_kept_events_after_the_id()
    {
        Gen.Select(Gen.Int[1, 20], Gen.Int[0, 60], Gen.Long[0, 80]).Sample((capacity, count, offset) =>
        {
            var buffer = Filled(capacity, count);
            var lastId = Start - 10 + offset;
            var replay = buffer.Since(lastId, AlertFilter.All);
            var kept = Enumerable.Range(0, count).Select(i => Start + 1 + i).TakeLast(capacity).ToArray();
            var expected = lastId > buffer.Position ? [] : kept.Where(id => id > lastId).ToArray();
            Assert.Equal(expected, replay.Events.Select(e => e.Id));
            var expectedGap = lastId > buffer.Position ? ReplayGap.Unknown
                : lastId < (kept.Length > 0 ? kept[0] : buffer.Position + 1) - 1 ? ReplayGap.Missed : ReplayGap.None;
            Assert.Equal(expectedGap, replay.Gap);
        });
    }
}
