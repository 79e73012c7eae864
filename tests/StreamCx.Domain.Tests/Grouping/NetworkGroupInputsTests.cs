using StreamCx.Domain.Contracts;
using StreamCx.Domain.Grouping;
using StreamCx.Domain.Tests.Live;
using static StreamCx.Domain.Tests.Grouping.GroupTestAlerts;

namespace StreamCx.Domain.Tests.Grouping;

/// <summary>The network grouping's inputs from every engine: region groups and channel times, whatever engine and order they come from.</summary>
public sealed class NetworkGroupInputsTests
{
    private static NetworkGroupInputs New() => new(new NetworkGrouping(new NetworkGrouper(Catalog, Settings)));

    /// <summary>A move in three regions (three sites each within an hour), then every site recovering: the region groups' emissions.</summary>
    private static List<Alert> RegionGroups()
    {
        var groupers = new Dictionary<string, RegionGrouper>();
        var output = new List<Alert>();
        var opens = new[] { "s00", "s10", "s20", "s01", "s11", "s21", "s02", "s12", "s22" }.Select((s, i) => Open(s, i * 7)).ToArray();
        foreach (var alert in opens.Concat(opens.Select((o, i) => Next(o, AlertStatus.Resolved, 600 + i))))
        {
            if (!groupers.TryGetValue(alert.RegionId, out var g)) groupers[alert.RegionId] = g = new RegionGrouper(alert.RegionId, Catalog, Settings);
            g.Route(alert, output);
        }
        return output.Where(a => a.Factors is [GroupFactor]).ToList();
    }

    private static List<string> Lines(IEnumerable<Alert> alerts) => [.. alerts.Select(ContractJson.Serialize)];

    private static List<string> Replayed(List<Alert> groups)
    {
        var grouping = new NetworkGrouping(new NetworkGrouper(Catalog, Settings));
        foreach (var g in groups) grouping.Take(g);
        return Lines(grouping.Release(null).Select(r => r.Emitted));
    }

    private static readonly DateTimeOffset End = TestAlerts.T0.AddDays(1);

    [Fact]
    public void Nothing_is_released_before_every_channel_has_told_its_time()
    {
        var inputs = New();
        foreach (var g in RegionGroups()) inputs.Take(g);
        inputs.Passed("regions/0", End, channels: 3);
        inputs.Passed("regions/1", End, channels: 3);
        Assert.Empty(inputs.Release());
        Assert.Null(inputs.Through);

        inputs.Passed("regions/2", End, channels: 3);
        Assert.NotEmpty(inputs.Release());
    }

    [Fact]
    public void Region_groups_from_several_engines_in_any_order_and_with_copies_give_the_network_groups_of_replay()
    {
        var groups = RegionGroups();
        var expected = Replayed(groups);
        Assert.Contains(expected, l => l.Contains("\"scope\":\"network\"", StringComparison.Ordinal));
        foreach (var seed in new[] { 1, 2, 3 })
        {
            // each region's emissions in its own order, the regions interleaved at random, some emissions told twice (a
            // region read again by its next holder), channels telling their time as they go
            var rnd = new Random(seed);
            var queues = groups.GroupBy(g => g.RegionId).Select(g => new Queue<Alert>(g)).ToList();
            var inputs = New();
            var released = new List<Alert>();
            var told = new Dictionary<string, DateTimeOffset>();
            while (queues.Any(q => q.Count > 0))
            {
                var queue = queues.Where(q => q.Count > 0).ElementAt(rnd.Next(queues.Count(q => q.Count > 0)));
                var alert = queue.Dequeue();
                Assert.True(inputs.Take(alert));
                if (rnd.Next(3) == 0) Assert.False(inputs.Take(alert)); // the same emission again: a copy
                // the region's channel has passed the alert, and never goes back (a lower time is kept at the higher one)
                var channel = $"regions/{alert.RegionId}";
                told[channel] = alert.RaisedAt;
                inputs.Passed(channel, alert.RaisedAt, channels: 3);
                inputs.Passed(channel, alert.RaisedAt.AddHours(-5), channels: 3);
                released.AddRange(inputs.Release());
            }
            foreach (var channel in told.Keys) inputs.Passed(channel, End, channels: 3);
            released.AddRange(inputs.Release());
            Assert.Equal(expected, Lines(released));
            Assert.True(inputs.Copies > 0);
        }
    }

    [Fact]
    public void A_restored_state_goes_on_as_if_it_had_never_stopped()
    {
        var groups = RegionGroups();
        var expected = Replayed(groups);
        for (var cut = 1; cut < groups.Count; cut++)
        {
            var first = New();
            var released = new List<Alert>();
            foreach (var g in groups.Take(cut))
            {
                first.Take(g);
                foreach (var r in new[] { "r0", "r1", "r2" }) first.Passed($"regions/{r}", g.RaisedAt, channels: 3);
                released.AddRange(first.Release());
            }
            var second = New();
            second.Restore(first.State);
            foreach (var g in groups.Take(cut)) Assert.False(second.Take(g)); // what the first took is known as a copy
            foreach (var g in groups.Skip(cut))
            {
                second.Take(g);
                foreach (var r in new[] { "r0", "r1", "r2" }) second.Passed($"regions/{r}", g.RaisedAt, channels: 3);
                released.AddRange(second.Release());
            }
            foreach (var r in new[] { "r0", "r1", "r2" }) second.Passed($"regions/{r}", End, channels: 3);
            released.AddRange(second.Release());
            Assert.Equal(expected, Lines(released));
        }
    }

    [Fact]
    public void Only_region_groups_are_taken()
    {
        var inputs = New();
        Assert.False(inputs.Take(Open("s00", 0))); // a site alert: decided where its region is evaluated
        Assert.Equal(0, inputs.Copies);
    }
}
