using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Journeys;
using StreamCx.Domain.Snapshots;
using StreamCx.Engine.Durability;
using StreamCx.Engine.Journeys;

namespace StreamCx.Engine.Tests.Journeys;

/// <summary>
/// The engine's shelf of passivated journeys, a local SQLite file: what goes on comes back whole, by id, by deadline, by
/// customer or account; hostile ids are only data; the file goes with the shelf. And a processor passivating onto it gives
/// what one keeping every journey in memory gives, over two months of journeys of many customers and accounts.
/// </summary>
public sealed class SqliteJourneyShelfTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"streamcx-shelf-tests-{Guid.NewGuid():N}");

    [Fact]
    public void A_journey_comes_back_as_it_went_on_by_id_by_deadline_and_by_customer_or_account()
    {
        using var shelf = new SqliteJourneyShelf(_directory, "regions/3");
        var hostile = "jrn-'); DROP TABLE shelf; --\u00e9\U0001F600" + new string('x', 2_000);
        shelf.Put(Journey("jrn-a", customer: "cus-1"), due: 300);
        shelf.Put(Journey(hostile, account: "acc-1"), due: 100);
        shelf.Put(Journey("jrn-c", customer: "cus-1", account: "acc-2"), due: 200);

        Assert.Equal(3, shelf.Count);
        Assert.Equal(100, shelf.EarliestDue);
        Assert.Equal(EngineJson(Journey(hostile, account: "acc-1")), EngineJson(shelf.Find(hostile)!.Journey));
        Assert.Null(shelf.Find("jrn-unknown"));
        Assert.Null(shelf.Take("jrn-unknown"));

        Assert.Equal([hostile], shelf.TakeDue(150).Select(s => s.Journey.JourneyId));
        Assert.Equal(200, shelf.EarliestDue);
        Assert.Equal(["jrn-a", "jrn-c"], shelf.TakeOf("cus-1", null).Select(s => s.Journey.JourneyId).Order(StringComparer.Ordinal));
        Assert.Equal(0, shelf.Count);
        Assert.Null(shelf.EarliestDue);
        Assert.Empty(shelf.TakeOf(null, "acc-2"));

        shelf.Put(Journey("jrn-c", customer: "cus-1", account: "acc-2"), due: 500); // back on it
        Assert.Equal((500L, 1L), (shelf.Take("jrn-c")!.Due, shelf.Count + 1));

        shelf.Put(Journey("jrn-old"), due: 600);
        shelf.Put(Journey("jrn-recent") with { LastTicks = 400 }, due: 700);
        Assert.Equal(["jrn-recent"], shelf.All(activeSince: 100).Select(s => s.Journey.JourneyId)); // idle since before: not even read
        Assert.Equal(2, shelf.All().Count());
    }

    [Fact]
    public void Many_journeys_written_in_batches_are_all_read_back_and_the_file_goes_with_the_shelf()
    {
        var shelf = new SqliteJourneyShelf(_directory, "regions/0");
        for (var i = 0; i < 10_000; i++) shelf.Put(Journey($"jrn-{i:D5}", customer: $"cus-{i % 100}"), due: 1_000 + i);
        for (var i = 0; i < 10_000; i += 2) Assert.NotNull(shelf.Take($"jrn-{i:D5}"));

        Assert.Equal(5_000, shelf.Count);
        Assert.Equal(5_000, shelf.All().Count());
        Assert.Equal(1_001, shelf.EarliestDue);
        Assert.Equal(100, shelf.TakeOf("cus-1", null).Count); // every odd one is still there
        Assert.Single(Directory.GetFiles(_directory));
        shelf.Dispose();
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public void A_shelf_opened_deletes_the_files_of_engines_no_longer_running_and_keeps_the_running_ones()
    {
        Directory.CreateDirectory(_directory);
        var orphan = Path.Combine(_directory, $"shelf-regions-2-{int.MaxValue}-{Guid.NewGuid():N}.db"); // no such process
        var running = Path.Combine(_directory, $"shelf-regions-3-{Environment.ProcessId}-{Guid.NewGuid():N}.db");
        var other = Path.Combine(_directory, "notes.txt");
        foreach (var f in new[] { orphan, running, other }) File.WriteAllText(f, "x");

        using var shelf = new SqliteJourneyShelf(_directory, "regions/1");

        Assert.False(File.Exists(orphan));
        Assert.True(File.Exists(running) && File.Exists(other));
    }

    /// <summary>
    /// 3,000 journeys over 60 days (steps, surveys, closures, churns of customers and accounts, a day or more between some
    /// contacts), three seeds: passivating after a day onto the SQLite shelf changes no alert and no state, and leaves most
    /// journeys out of memory.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_processor_passivating_onto_the_shelf_gives_what_one_keeping_every_journey_gives(int seed)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var settings = new JourneySettings { PassivateAfter = TimeSpan.FromDays(1), Retention = TimeSpan.FromDays(20), MaxOpenDuration = TimeSpan.FromDays(10) };
        var kept = new JourneyProcessor(JourneyFixtures.Catalog, settings, clock);
        using var passivating = new JourneyProcessor(JourneyFixtures.Catalog, settings, clock, shelf: new SqliteJourneyShelf(_directory, "regions/1"));
        var expected = new List<string>();
        var actual = new List<string>();
        var inMemory = new List<int>();
        foreach (var (message, n) in Messages(seed).Select((m, n) => (m, n)))
        {
            expected.AddRange((message is JourneySignal s ? kept.Process(s) : kept.Process((FeedbackEvent)message)).Select(JourneyFixtures.WithoutEmittedAt));
            actual.AddRange((message is JourneySignal s2 ? passivating.Process(s2) : passivating.Process((FeedbackEvent)message)).Select(JourneyFixtures.WithoutEmittedAt));
            if (n % 500 == 0) inMemory.Add(passivating.Journeys.Count - (int)passivating.Journeys.Passivated);
        }
        expected.AddRange(kept.Flush().Select(JourneyFixtures.WithoutEmittedAt));
        actual.AddRange(passivating.Flush().Select(JourneyFixtures.WithoutEmittedAt));

        Assert.True(expected.Count > 100, $"{expected.Count} alerts");
        Assert.Equal(expected, actual);
        Assert.Equal(WithoutDue(kept.Capture()), WithoutDue(passivating.Capture())); // the due queues differ: a passivating one has its idle instants
        Assert.Equal(kept.Journeys.Count, passivating.Journeys.Count);
        Assert.True(passivating.Journeys.Passivated > kept.Journeys.Count / 2, $"{passivating.Journeys.Passivated} of {kept.Journeys.Count} passivated");
        Assert.True(inMemory.Skip(4).Max() < 600, $"at most {inMemory.Max()} in memory"); // about 50 journeys start a day: a few days' worth
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Journeys of 1 to 6 contacts a few hours to 3 days apart, half closed, 2 % of customers and accounts churning.</summary>
    private static List<object> Messages(int seed)
    {
        var rnd = new Random(seed);
        var start = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        string[] departments = ["support", "field-service", "central-support"];
        var messages = new List<object>();
        for (var n = 0; n < 3_000; n++)
        {
            var journeyId = $"jrn-{seed}-{n:D5}";
            var customerId = $"cus-{rnd.Next(1_500)}";
            var accountId = rnd.NextDouble() < 0.2 ? $"acc-{rnd.Next(100)}" : null;
            var at = start.AddMinutes(rnd.Next(60 * 24 * 60));
            for (var k = rnd.Next(1, 7); k > 0; k--)
            {
                var department = departments[rnd.Next(departments.Length)];
                messages.Add(rnd.NextDouble() < 0.5
                    ? new JourneyStep($"{journeyId}-{k}", at, journeyId, department, "call") { CustomerId = customerId, AccountId = accountId, SiteId = "s1", Reason = rnd.NextDouble() < 0.5 ? "no-network" : null }
                    : new FeedbackEvent($"{journeyId}-{k}", at, rnd.NextDouble() < 0.5 ? "s1" : "s2", "phone", RatingDictionary.Empty)
                    {
                        JourneyId = journeyId, CustomerId = customerId, AccountId = accountId, Department = department, Csat = rnd.NextDouble() < 0.8 ? 5 : 2,
                        ContactRole = accountId is null ? null : rnd.NextDouble() < 0.5 ? "user" : "purchasing",
                    });
                at = at.AddHours(2 + rnd.Next(72));
            }
            if (rnd.NextDouble() < 0.5) messages.Add(new JourneyClosed($"{journeyId}-x", at, journeyId, rnd.NextDouble() < 0.7 ? JourneyOutcome.Resolved : JourneyOutcome.Unresolved));
        }
        for (var n = 0; n < 30; n++) messages.Add(new Churn($"churn-c-{n}", start.AddMinutes(rnd.Next(65 * 24 * 60))) { CustomerId = $"cus-{rnd.Next(1_500)}" });
        for (var n = 0; n < 2; n++) messages.Add(new Churn($"churn-a-{n}", start.AddMinutes(rnd.Next(65 * 24 * 60))) { AccountId = $"acc-{rnd.Next(100)}" });
        return [.. messages.OrderBy(At).ThenBy(m => m is JourneySignal s ? s.EventId : ((FeedbackEvent)m).EventId, StringComparer.Ordinal)];

        static DateTimeOffset At(object m) => m is JourneySignal s ? s.OccurredAt : ((FeedbackEvent)m).OccurredAt;
    }

    private static JourneyStateSnapshot Journey(string id, string? customer = null, string? account = null) =>
        new(id, customer, account, "s1", 10, 20, null, null, 2, ["support"], 1, 9.5, 0, null, null, [new ReasonCount("no-network", 2)],
            [new JourneyState.Mark(10, JourneyState.MarkKind.Step, "support", "call", float.NaN)], null, 0, false, new WatermelonSaid(RedRule.None, null, null, false));

    private static string EngineJson(JourneyStateSnapshot s) => System.Text.Encoding.UTF8.GetString(SnapshotCodec.EncodeJourney(s));

    private static string[] WithoutDue(JourneySnapshot s) =>
    [
        .. s.Journeys.Journeys.Select(EngineJson),
        Convert.ToBase64String(SnapshotCodec.Encode(new JourneyChannelSnapshot(1, "c", s with { Journeys = s.Journeys with { Journeys = [], Due = [] } }, new Dictionary<string, long>(), new Dictionary<string, long>()))),
    ];
}
