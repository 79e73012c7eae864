using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Channels;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Snapshots;
using StreamCx.Domain.Tests.TestSupport;

namespace StreamCx.Domain.Tests.Channels;

/// <summary>
/// The channels saved and put back, as the engine does with its listening processor for one partition: fed live (batches,
/// shuffled, released by the frontier) through a touchpoint gap's onset and recovery, captured at many cuts, written to JSON
/// and read back with the engine's options, restored into a fresh processor and continued. Whatever the cut, the alerts
/// (every field) must be those of a processor never interrupted.
/// </summary>
public sealed class ChannelRestoreTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    public void A_processor_restored_at_any_cut_gives_the_alerts_of_an_uninterrupted_one(int seed)
    {
        var steps = LiveSteps(seed);
        var uninterrupted = Run(New(), steps, 0, steps.Count);
        Assert.Contains(uninterrupted, a => a is { Status: AlertStatus.Open, Factors: [ChannelFactor { Dimension: ChannelDimension.Touchpoint }] });
        Assert.Contains(uninterrupted, a => a is { Status: AlertStatus.Resolved });

        foreach (var cut in Enumerable.Range(1, 15).Select(i => i * steps.Count / 16))
        {
            var saver = New();
            var before = Run(saver, steps, 0, cut);
            var snapshot = EngineSnapshotJson.RoundTrip(saver.Capture());
            var restored = New();
            restored.Restore(snapshot);
            Assert.Equal(EngineSnapshotJson.Serialize(snapshot), EngineSnapshotJson.Serialize(restored.Capture()));

            var continued = before.Concat(Run(restored, steps, cut, steps.Count));
            Assert.Equal(uninterrupted.Select(ContractJson.Serialize), continued.Select(ContractJson.Serialize));
        }
    }

    [Fact]
    public void A_snapshot_naming_an_indicator_the_catalog_no_longer_has_drops_its_sums_and_keeps_the_rest()
    {
        var processor = New();
        foreach (var e in new ChannelScenario(5) { Hours = 3 }.Events()) processor.Apply(e);
        var snapshot = processor.Capture();
        var site = snapshot.Sites.Single();
        var renamed = snapshot with
        {
            Sites = [site with { Cells = [.. site.Cells.Select(c => c.IndicatorId == TestCatalog.WaitingTime ? c with { IndicatorId = "gone" } : c)] }],
        };

        var restored = New();
        restored.Restore(renamed);

        var kept = restored.Capture().Sites.Single().Cells.Select(c => c.IndicatorId).Distinct().Order().ToList();
        Assert.Equal([SharedIndicators.Ces, SharedIndicators.Nps], kept);
        Assert.Equal(snapshot.Applied, restored.Applied);
    }

    [Fact]
    public void Restoring_into_a_processor_that_took_feedback_throws()
    {
        var snapshot = New().Capture();
        var processor = New();
        processor.Offer(new ChannelScenario(5) { Hours = 1 }.Events()[0]);

        Assert.Throws<InvalidOperationException>(() => processor.Restore(snapshot));
    }

    private static ChannelProcessor New() => new(TestCatalog.Create(), new ChannelSettings(), Clock);

    /// <summary>
    /// What the engine does with a touchpoint gap's onset and recovery: batches of the next events offered shuffled (two
    /// partitions interleaved differently), each followed by a frontier just behind the next batch.
    /// </summary>
    internal static List<Func<ChannelProcessor, IReadOnlyList<Alert>>> LiveSteps(int seed)
    {
        var ordered = GapOnsetAndRecovery(seed);
        var rnd = new Random(seed);
        var steps = new List<Func<ChannelProcessor, IReadOnlyList<Alert>>>();
        for (var i = 0; i < ordered.Count;)
        {
            var batch = ordered.Skip(i).Take(rnd.Next(1, 400)).OrderBy(_ => rnd.Next()).ToList();
            i += batch.Count;
            steps.AddRange(batch.Select(e => (Func<ChannelProcessor, IReadOnlyList<Alert>>)(p => p.Offer(e))));
            var frontier = i < ordered.Count ? ordered[i].OccurredAt.AddTicks(-1) : ordered[^1].OccurredAt;
            steps.Add(p => p.Advance(frontier));
        }
        return steps;
    }

    /// <summary>The delivery touchpoint far worse on NPS from hour 48 to hour 80 of 160.</summary>
    internal static List<FeedbackEvent> GapOnsetAndRecovery(int seed) =>
        new ChannelScenario(seed) { Hours = 160, RecoveryHour = 80, Worse = "delivery", WorseIsTouchpoint = true }.Events();

    internal static List<Alert> Run(ChannelProcessor processor, List<Func<ChannelProcessor, IReadOnlyList<Alert>>> steps, int from, int to)
    {
        var alerts = new List<Alert>();
        for (var i = from; i < to; i++) alerts.AddRange(steps[i](processor));
        return alerts;
    }
}
