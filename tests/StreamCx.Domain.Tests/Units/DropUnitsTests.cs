using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Processing;
using StreamCx.Domain.Snapshots;
using StreamCx.Domain.Tests.TestSupport;

namespace StreamCx.Domain.Tests.Units;

/// <summary>
/// A site alert names the units that make the site's drop, from the site's own events in event time: the unit that fell,
/// none when the units have too few responses each, and the same after the site is restored from its snapshot.
/// </summary>
public sealed class DropUnitsTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    private const int FallAtHour = 4 * 24;

    /// <summary>
    /// Five days of waiting-time ratings at Lille Centre, 24 an hour, handled by <paramref name="units"/> agents in turn, 3 to 5
    /// (mean 4); from day 5 the responses of the agents that <paramref name="fall"/> are rated 1 or 2.
    /// </summary>
    private static List<FeedbackEvent> Stream(int units, Func<int, bool> fall)
    {
        var rnd = new Random(11);
        var events = new List<FeedbackEvent>();
        for (var h = 0; h < FallAtHour + 12; h++)
            for (var i = 0; i < 24; i++)
            {
                var unit = (h * 24 + i) % units;
                var rating = h >= FallAtHour && fall(unit) ? 1 + rnd.Next(2) : 3 + rnd.Next(3);
                events.Add(new FeedbackEvent($"e{events.Count}", Start.AddHours(h).AddMinutes(i * 2.5), TestCatalog.LilleCentre, "store",
                    new RatingDictionary([new(TestCatalog.WaitingTime, rating)])) { UnitId = $"agent-{unit}" });
            }
        return events;
    }

    private static FeedbackProcessor NewProcessor() => new(TestCatalog.Create(), new DetectionSettings(), new FakeTimeProvider(Start.AddDays(30)));

    private static List<Alert> Run(FeedbackProcessor processor, IEnumerable<FeedbackEvent> events) => [.. events.SelectMany(processor.Process)];

    [Fact]
    public void The_site_alert_names_the_unit_that_fell()
    {
        var alerts = Run(NewProcessor(), Stream(units: 4, fall: u => u == 2)).Where(a => a.Status != AlertStatus.Resolved).ToList();

        Assert.NotEmpty(alerts);
        var named = alerts.Where(a => a.Units is not null).ToList();
        Assert.True(named.Count > 0, string.Join(" | ", alerts.Select(a => a.Explanation)));
        Assert.All(named, a => Assert.Equal(["agent-2"], a.Units!.Select(u => u.UnitId)));
        var unit = named[0].Units![0];
        Assert.True(unit is { MeanBefore: > 3.5, MeanRecent: < 2.5, RecentResponses: >= 10, ShareOfDrop: > 0.5 }, unit.ToString());
        Assert.Contains($"Most of the drop comes from agent-2: {unit.MeanBefore:0.##} → {unit.MeanRecent:0.##} over {unit.RecentResponses} responses", named[0].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void No_unit_is_named_when_each_has_too_few_responses()
    {
        // 80 agents in turn, every other one falls: under 10 responses each in any window of a day or less
        var alerts = Run(NewProcessor(), Stream(units: 80, fall: u => u % 2 == 0)).Where(a => a.Status != AlertStatus.Resolved).ToList();

        Assert.NotEmpty(alerts);
        Assert.All(alerts, a => Assert.Null(a.Units));
        Assert.All(alerts, a => Assert.DoesNotContain("Most of the drop", a.Explanation, StringComparison.Ordinal));
    }

    [Fact]
    public void A_site_restored_from_its_snapshot_names_the_same_units()
    {
        var events = Stream(units: 4, fall: u => u == 2);
        var cut = (FallAtHour + 2) * 24; // in the fall, before any alert names the unit
        var original = NewProcessor();
        Run(original, events.Take(cut));
        var (intake, attributes) = original.Capture(TestCatalog.LilleCentre);
        var restored = NewProcessor();
        restored.Restore(TestCatalog.LilleCentre, EngineSnapshotJson.RoundTrip(intake), attributes.ToDictionary(a => a.Key, a => EngineSnapshotJson.RoundTrip(a.Value)));

        var after = Run(original, events.Skip(cut));

        Assert.NotNull(intake.Units);
        Assert.Contains(after, a => a.Units is not null);
        Assert.Equal(Lines(after), Lines(Run(restored, events.Skip(cut))));
    }

    private static string[] Lines(IEnumerable<Alert> alerts) => [.. alerts.Select(ContractJson.Serialize)];
}
