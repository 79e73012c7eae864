using StreamCx.Host.Replay;

namespace StreamCx.Host.Tests.Replay;

/// <summary>The replay order: event time, ties in file order; a file already in order is left as it is.</summary>
public sealed class EventTimeOrderTests
{
    [Fact]
    public void Keys_out_of_order_are_sorted_by_time_and_ties_keep_file_order()
    {
        EventTimeOrder.Key[] keys = [new(30, 0), new(10, 1), new(30, 2), new(20, 3), new(10, 4)];

        var moved = EventTimeOrder.Sort(keys);

        Assert.True(moved);
        Assert.Equal([new(10, 1), new(10, 4), new(20, 3), new(30, 0), new(30, 2)], keys);
    }

    [Fact]
    public void Keys_already_in_order_are_not_moved()
    {
        EventTimeOrder.Key[] keys = [new(10, 0), new(10, 1), new(20, 2)];

        Assert.False(EventTimeOrder.Sort(keys));
        Assert.Equal([new(10, 0), new(10, 1), new(20, 2)], keys);
        Assert.False(EventTimeOrder.Sort(Span<EventTimeOrder.Key>.Empty));
    }

    [Fact]
    public void The_same_times_sorted_many_times_always_give_the_same_order()
    {
        var rnd = new Random(3);
        var keys = Enumerable.Range(0, 10_000).Select(i => new EventTimeOrder.Key(rnd.Next(0, 50), i)).ToArray();
        var expected = keys.OrderBy(k => k.UtcTicks).ThenBy(k => k.Index).ToArray();

        EventTimeOrder.Sort(keys);

        Assert.Equal(expected, keys);
    }
}
