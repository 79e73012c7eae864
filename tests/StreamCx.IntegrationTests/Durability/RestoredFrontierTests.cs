using Akka.Actor;
using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.ReferenceData;
using StreamCx.Engine.Durability;
using StreamCx.Engine.Pipeline;
using StreamCx.Engine.Sites;

namespace StreamCx.IntegrationTests.Durability;

/// <summary>
/// Events held for the frontier when the engine stopped are saved with the sites, and so is how far each input had come:
/// restored on a new life whose inputs are all read to their ends (nothing left to read, so no event brings a time), they
/// are applied, as they would have been where they were saved, instead of waiting for feedback that may never come.
/// </summary>
public sealed class RestoredFrontierTests : IDisposable
{
    private static readonly ReferenceCatalog Catalog = new(
        Enumerable.Range(0, 6).Select(i => new Site($"s{i}", $"Site {i}", "north")),
        [new AttributeDefinition("waiting-time", "Waiting time", 1, 5, 2)]);

    private readonly string _db = Path.Combine(Path.GetTempPath(), $"streamcx-frontier-{Guid.NewGuid():N}.db");
    private readonly SnapshotSettings _settings;

    public RestoredFrontierTests()
    {
        _settings = new SnapshotSettings { ConnectionString = _db, EveryEvents = 1000, EveryInterval = TimeSpan.FromMilliseconds(200) };
    }

    public void Dispose()
    {
        foreach (var f in Directory.GetFiles(Path.GetDirectoryName(_db)!, Path.GetFileName(_db) + "*")) File.Delete(f);
    }

    [Fact]
    public void Held_events_restored_where_every_input_is_read_to_its_end_are_applied_at_the_time_their_inputs_had_reached()
    {
        using (var first = new HandFedSitesLife(_settings, Catalog))
        {
            first.Sites.Tell(new PartitionsAssigned([("feedback", 0), ("feedback", 1)]));
            // feedback/0 delivers ten events and is read to its end; feedback/1 has said nothing yet: all ten are held
            var outcomes = first.ApplyBatch([.. Enumerable.Range(0, 10).Select(o => ((long)o, "s1", o / 2.0, 4.0))]);
            Assert.All(outcomes, o => Assert.False(o.AlreadyApplied));
            first.WaitUntilDurable(9); // held events are in the snapshot: their offsets are committed
            Assert.Equal(0, first.Scores("s1").Attributes.GetValueOrDefault("waiting-time").Count);
        }

        using var second = new HandFedSitesLife(_settings, Catalog);
        var clock = (FakeTimeProvider)second.Hub.Clock;
        second.Sites.Tell(new PartitionsAssigned([("feedback", 0), ("feedback", 1)]));
        // both partitions start at their ends (what the first life took is committed): read to their end, no event, no time
        var markers = new FeedbackReceipt(0);
        second.Sites.Tell(new ApplyFeedbackBatch([], markers) { CaughtUp = [(0, "feedback/0"), (0, "feedback/1")] });
        Assert.Equal(0, second.Scores("s1").Attributes.GetValueOrDefault("waiting-time").Count); // the region starts: s1 restored, its events held

        second.AwaitAssert(
            () =>
            {
                clock.Advance(TimeSpan.FromSeconds(1)); // past the wait for a caught-up input overtaken by another
                second.Sites.Tell(SitesActor.IdleCheck.Instance);
                Assert.Equal(10, second.Scores("s1").Attributes.GetValueOrDefault("waiting-time").Count);
            },
            TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100));
        Assert.Equal(40, second.Scores("s1").Attributes["waiting-time"].Sum);
    }
}
