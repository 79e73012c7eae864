using StreamCx.Domain.Ingestion;

namespace StreamCx.Domain.Tests.Ingestion;

public sealed class DuplicateFilterTests
{
    private static readonly TimeSpan Horizon = TimeSpan.FromHours(48);
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void First_sighting_is_new_and_the_repeat_is_a_duplicate()
    {
        var f = new DuplicateFilter(Horizon, 100);

        Assert.True(f.TryAdd("a", T0, T0));
        Assert.False(f.TryAdd("a", T0, T0));
        Assert.False(f.TryAdd("a", T0.AddMinutes(5), T0.AddMinutes(5)));
        Assert.Equal(1, f.Count);
    }

    [Fact]
    public void Ids_are_compared_ordinally()
    {
        var f = new DuplicateFilter(Horizon, 100);

        Assert.True(f.TryAdd("evt-a", T0, T0));
        Assert.True(f.TryAdd("EVT-A", T0, T0));
        Assert.True(f.TryAdd("evt-a ", T0, T0));
        Assert.Equal(3, f.Count);
    }

    [Fact]
    public void Duplicate_exactly_at_the_horizon_is_still_recognised()
    {
        var f = new DuplicateFilter(Horizon, 100);
        f.TryAdd("a", T0, T0);

        Assert.True(f.TryAdd("b", T0 + Horizon, T0 + Horizon)); // cutoff == T0: "a" is kept

        Assert.False(f.TryAdd("a", T0, T0 + Horizon));
        Assert.Equal(2, f.Count);
    }

    [Fact]
    public void Id_older_than_the_horizon_is_forgotten_once_newer_ids_arrive()
    {
        var f = new DuplicateFilter(Horizon, 100);
        f.TryAdd("a", T0, T0);

        Assert.True(f.TryAdd("b", T0 + Horizon + TimeSpan.FromTicks(1), T0 + Horizon + TimeSpan.FromTicks(1)));

        Assert.Equal(1, f.Count);
        Assert.Equal(["b"], f.Entries.Select(e => e.Id));
        Assert.True(f.TryAdd("a", T0, T0 + Horizon + TimeSpan.FromTicks(1)));
    }

    [Fact]
    public void Forgetting_follows_event_time_not_arrival_count()
    {
        var f = new DuplicateFilter(Horizon, 100);
        for (var i = 0; i < 10; i++) f.TryAdd($"old-{i}", T0.AddHours(i), T0.AddHours(i));

        f.TryAdd("new", T0.AddHours(5) + Horizon, T0.AddHours(5) + Horizon); // cutoff = T0 + 5h

        Assert.Equal(["old-5", "old-6", "old-7", "old-8", "old-9", "new"], f.Entries.Select(e => e.Id));
    }

    [Fact]
    public void Beyond_max_ids_the_oldest_are_forgotten()
    {
        var f = new DuplicateFilter(Horizon, 3);
        foreach (var id in new[] { "a", "b", "c", "d" }) Assert.True(f.TryAdd(id, T0, T0));

        Assert.Equal(3, f.Count);
        Assert.Equal(["b", "c", "d"], f.Entries.Select(e => e.Id));
        Assert.False(f.TryAdd("d", T0, T0));
        Assert.True(f.TryAdd("a", T0, T0)); // forgotten: counts again (and now pushes "b" out)
        Assert.Equal(["c", "d", "a"], f.Entries.Select(e => e.Id));
    }

    [Fact]
    public void Memory_stays_bounded_by_max_ids()
    {
        var f = new DuplicateFilter(Horizon, 50);

        for (var i = 0; i < 10_000; i++) f.TryAdd($"e{i}", T0, T0);

        Assert.Equal(50, f.Count);
        Assert.Equal(50, f.Entries.Count());
    }

    [Fact]
    public void Restore_brings_back_the_remembered_ids_once_each()
    {
        var f = new DuplicateFilter(Horizon, 100);
        f.TryAdd("a", T0, T0);
        f.TryAdd("b", T0.AddMinutes(1), T0.AddMinutes(1));
        var snapshot = f.Entries.ToArray();

        var restored = new DuplicateFilter(Horizon, 100);
        restored.TryAdd("stale", T0, T0);
        restored.Restore([.. snapshot, snapshot[0]]);

        Assert.Equal(2, restored.Count);
        Assert.Equal(snapshot, restored.Entries);
        Assert.False(restored.TryAdd("a", T0, T0.AddMinutes(1)));
        Assert.True(restored.TryAdd("stale", T0, T0.AddMinutes(1)));
    }
}
