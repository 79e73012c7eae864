using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Journeys;
using StreamCx.Domain.Snapshots;
using StreamCx.Domain.Tests.TestSupport;
using Xunit.Abstractions;
using static StreamCx.Domain.Tests.Journeys.JourneyRestoreTests;

namespace StreamCx.Domain.Tests.Journeys;

/// <summary>
/// Journeys passivated after six idle hours onto a shelf, through the forty days of <see cref="JourneyScenario"/>: they
/// come back by their next event, their deadlines (open too long, retention) and their customers' and accounts' churns.
/// The alerts (every field, each at the same step), the views and the captured state must be those of a processor that
/// keeps every journey in memory, uninterrupted or restored at any cut; and most journeys must be out of memory.
/// </summary>
public sealed class JourneyPassivationTests(ITestOutputHelper output)
{
    private static readonly JourneySettings Passivating = JourneyScenario.Settings with { PassivateAfter = TimeSpan.FromHours(6) };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_processor_that_passivates_idle_journeys_gives_the_alerts_views_and_state_of_one_that_keeps_them(bool followsFrontier)
    {
        var steps = JourneyScenario.Steps(followsFrontier);
        var kept = JourneyScenario.Processor(followsFrontier);
        var expected = Run(kept, steps, 0, steps.Count).ConvertAll(Text);
        var shelf = new JsonShelf();
        var passivating = Processor(followsFrontier, shelf);
        var inMemory = new List<(int InMemory, int Held)>();

        var alerts = new List<string>();
        for (var i = 0; i < steps.Count; i += 50)
        {
            alerts.AddRange(Run(passivating, steps, i, Math.Min(i + 50, steps.Count)).ConvertAll(Text));
            inMemory.Add((passivating.Journeys.Count - (int)passivating.Journeys.Passivated, passivating.Journeys.Count));
        }

        Assert.Equal(expected, alerts);
        Assert.Equal(Views(kept, steps), Views(passivating, steps));
        Assert.Equal(WithoutDue(kept), WithoutDue(passivating));
        foreach (var (scope, days) in new[] { (JourneyIndicatorScope.Site, 30), (JourneyIndicatorScope.Department, 5), (JourneyIndicatorScope.Region, 1) })
            Assert.Equal(Tally(kept, scope, days), Tally(passivating, scope, days)); // the board reads the passivated journeys active in its days
        output.WriteLine($"{shelf.Puts} passivated; back by an event {shelf.TakenByEvent}, a deadline {shelf.TakenByDeadline}, a churn {shelf.TakenByChurn}; "
            + $"in memory {inMemory.Sum(n => n.InMemory)} of {inMemory.Sum(n => n.Held)} held (summed over {inMemory.Count} points)");
        Assert.True(shelf.TakenByEvent > 20 && shelf.TakenByDeadline > 20 && shelf.TakenByChurn > 0, "each way back is taken");
        Assert.True(passivating.Journeys.Passivated > kept.Journeys.Count / 2, $"{passivating.Journeys.Passivated} of {kept.Journeys.Count} passivated at the end");
        Assert.True(inMemory.Sum(n => n.InMemory) * 4 < inMemory.Sum(n => n.Held), "at most a quarter of the journeys held are in memory, over the run");
    }

    /// <summary>Saved whole or as changes at any cut (shelved journeys in the captures), restored into a processor with a fresh shelf: the same as one that never stopped.</summary>
    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public void A_passivating_processor_restored_at_any_cut_goes_on_as_one_that_keeps_every_journey(bool followsFrontier, bool asChanges)
    {
        var steps = JourneyScenario.Steps(followsFrontier);
        var kept = JourneyScenario.Processor(followsFrontier);
        var expected = Run(kept, steps, 0, steps.Count).ConvertAll(Text);
        var runs = new RestoredRuns(new(expected, Views(kept, steps), WithoutDue(kept)), output);

        var saver = Processor(followsFrontier, new JsonShelf());
        var before = new List<string>();
        var done = 0;
        JourneySnapshot? whole = null;
        var changes = new List<JourneyChange>();
        foreach (var (name, cut) in Cuts(steps))
        {
            before.AddRange(Run(saver, steps, done, cut).ConvertAll(Text));
            done = cut;
            if (whole is null || !asChanges) whole = EngineSnapshotJson.RoundTrip(saver.Capture());
            else changes.Add(EngineSnapshotJson.RoundTrip(saver.CaptureChange()));
            var shelf = new JsonShelf();
            var restored = Processor(followsFrontier, shelf);
            restored.Restore(whole, changes);
            Assert.True(saver.Journeys.Passivated == 0 || shelf.Count > 0, $"cut {name}: the restored processor passivates too");
            var continued = before.Concat(Run(restored, steps, cut, steps.Count).ConvertAll(Text)).ToList();
            runs.Compare($"cut {name} before step {cut}, {changes.Count} changes", new(continued, Views(restored, steps), WithoutDue(restored)));
        }
        runs.AssertAllEqual();
    }

    [Fact]
    public void Disposing_the_processor_disposes_its_shelf()
    {
        var shelf = new JsonShelf();
        Processor(true, shelf).Dispose();

        Assert.True(shelf.Disposed);
    }

    private static string Tally(JourneyProcessor p, JourneyIndicatorScope scope, int days)
    {
        var tally = new JourneyIndicatorTally(TestCatalog.Create(), Passivating, scope, (p.Reached!.Value - TimeSpan.FromDays(days)).UtcTicks);
        p.Tally(tally);
        return System.Text.Json.JsonSerializer.Serialize(tally.Rows());
    }

    private static JourneyProcessor Processor(bool followsFrontier, JsonShelf shelf) =>
        new(TestCatalog.Create(), Passivating, new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero)), followsFrontier, shelf: shelf);
}
