using System.Text.Json;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Journeys;
using StreamCx.Domain.Snapshots;
using StreamCx.Domain.Tests.TestSupport;
using Xunit.Abstractions;
using static StreamCx.Domain.Tests.Journeys.JourneyScenario;

namespace StreamCx.Domain.Tests.Journeys;

/// <summary>
/// The journeys' processor saved whole and put back, as the engine will do: at many cuts of <see cref="JourneyScenario"/>
/// the processor is captured, written to JSON and read back with the engine's options, restored into a fresh processor
/// and continued. Whatever the cut, the alerts (every field, each at the same step), the views and the state at the end
/// must be those of a processor that was never interrupted: any state left out of the snapshot, or put back differently, shows here.
/// </summary>
public sealed class JourneyRestoreTests(ITestOutputHelper output)
{
    private static readonly IReadOnlyList<JourneyArrival> FrontierSteps = JourneyScenario.Steps(followsFrontier: true);
    private static readonly IReadOnlyList<JourneyArrival> LatenessSteps = JourneyScenario.Steps(followsFrontier: false);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_processor_restored_from_its_snapshot_at_any_cut_gives_the_alerts_and_views_of_an_uninterrupted_one(bool followsFrontier)
    {
        var steps = Steps(followsFrontier);
        var uninterrupted = Processor(followsFrontier);
        var emitted = Run(uninterrupted, steps, 0, steps.Count);
        ScenarioHolds(uninterrupted, emitted.ConvertAll(e => e.Alert));
        var alerts = emitted.ConvertAll(Text);
        var runs = new RestoredRuns(new(alerts, Views(uninterrupted, steps), EngineSnapshotJson.Serialize(uninterrupted.Capture())), output);

        var saver = Processor(followsFrontier);
        var before = new List<string>();
        var done = 0;
        var cuts = Cuts(steps);
        foreach (var (name, cut) in cuts)
        {
            before.AddRange(Run(saver, steps, done, cut).ConvertAll(Text));
            done = cut;
            var snapshot = EngineSnapshotJson.RoundTrip(saver.Capture());
            SnapshotHolds(name, steps, cut, snapshot);
            var restored = Processor(followsFrontier);
            restored.Restore(snapshot);
            Assert.Equal(EngineSnapshotJson.Serialize(snapshot), EngineSnapshotJson.Serialize(restored.Capture())); // all it was given is back

            var continued = before.Concat(Run(restored, steps, cut, steps.Count).ConvertAll(Text)).ToList();
            runs.Compare(
                $"cut {name} before step {cut} ({steps[cut].At:O}, {snapshot.Held.Count} held)",
                new(continued, Views(restored, steps), EngineSnapshotJson.Serialize(restored.Capture())));
        }
        output.WriteLine($"{steps.Count} steps, {alerts.Count} alert emissions, {cuts.Count} cuts");
        runs.AssertAllEqual();
    }

    /// <summary>
    /// The changelog the engine saves between whole snapshots: a whole capture at the first cut, then only the changes at
    /// each next one. Put back at any cut (the whole capture and the changes up to it), the processor gives the alerts, views
    /// and state (but for its due queue, rebuilt at each journey's next look) of an uninterrupted one; each change holds
    /// only the journeys changed since the cut before.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_processor_restored_from_a_whole_capture_and_the_changes_after_it_gives_what_an_uninterrupted_one_gives(bool followsFrontier)
    {
        var steps = Steps(followsFrontier);
        var uninterrupted = Processor(followsFrontier);
        var alerts = Run(uninterrupted, steps, 0, steps.Count).ConvertAll(Text);
        var runs = new RestoredRuns(new(alerts, Views(uninterrupted, steps), WithoutDue(uninterrupted)), output);

        var saver = Processor(followsFrontier);
        var before = new List<string>();
        var done = 0;
        JourneySnapshot? whole = null;
        var changes = new List<JourneyChange>();
        foreach (var (name, cut) in Cuts(steps))
        {
            before.AddRange(Run(saver, steps, done, cut).ConvertAll(Text));
            done = cut;
            if (whole is null) whole = EngineSnapshotJson.RoundTrip(saver.Capture());
            else
            {
                var touched = saver.ChangedSinceCapture;
                var change = EngineSnapshotJson.RoundTrip(saver.CaptureChange());
                Assert.Equal(touched, change.Journeys.Changed.Count + change.Journeys.Removed.Count);
                changes.Add(change);
            }
            var restored = Processor(followsFrontier);
            restored.Restore(whole, changes);
            var continued = before.Concat(Run(restored, steps, cut, steps.Count).ConvertAll(Text)).ToList();
            runs.Compare($"cut {name} before step {cut}, {changes.Count} changes", new(continued, Views(restored, steps), WithoutDue(restored)));
        }
        runs.AssertAllEqual();
    }

    [Fact]
    public void A_change_holds_the_journeys_changed_since_the_capture_before_not_every_journey()
    {
        var p = Processor(followsFrontier: true);
        for (var k = 0; k < 1_000; k++) p.Process(JourneyEvents.Contact($"c{k}", $"jrn-{k}", JourneyEvents.Start.AddMinutes(k), "support", 5));
        p.Advance(JourneyEvents.Start.AddMinutes(999)); // every one applied
        p.Capture();
        p.Process(JourneyEvents.Contact("again-1", "jrn-7", JourneyEvents.Start.AddMinutes(1_000), "support", 4));
        p.Process(JourneyEvents.Contact("again-2", "jrn-8", JourneyEvents.Start.AddMinutes(1_001), "support", 4));
        p.Process(JourneyEvents.Contact("new", "jrn-new", JourneyEvents.Start.AddMinutes(1_002), "support", 4));
        p.Advance(JourneyEvents.Start.AddMinutes(1_002));

        var change = p.CaptureChange();

        Assert.Equal(["jrn-7", "jrn-8", "jrn-new"], change.Journeys.Changed.Select(j => j.JourneyId));
        Assert.Equal(3, change.IdsAdded.Count);
        Assert.Empty(p.CaptureChange().Journeys.Changed); // nothing since
    }

    internal static string WithoutDue(JourneyProcessor p)
    {
        var state = p.Capture();
        return EngineSnapshotJson.Serialize(state with { Journeys = state.Journeys with { Due = [] }, Accounts = state.Accounts with { Due = [] } });
    }

    [Theory]
    [InlineData("feedback")]
    [InlineData("feedback without a journey")]
    [InlineData("signal")]
    [InlineData("advance")]
    [InlineData("flush")]
    [InlineData("restore")]
    public void Restoring_into_a_processor_that_already_took_something_throws(string took)
    {
        var snapshot = Processor(true).Capture();
        var processor = Processor(true);
        var messages = FrontierSteps.OfType<MessageArrived>().Select(m => m.Message).ToList();
        var feedback = messages.First(m => m.Feedback is { JourneyId: not null }).Feedback!;
        Action act = took switch
        {
            "feedback" => () => processor.Process(feedback),
            "feedback without a journey" => () => processor.Process(messages.First(m => m.Feedback is { JourneyId: null, AccountId: null }).Feedback!),
            "signal" => () => processor.Process(messages.First(m => m.Signal is not null).Signal!),
            "advance" => () => processor.Advance(JourneyEvents.Start),
            "flush" => () => processor.Flush(),
            _ => () => processor.Restore(snapshot),
        };
        act();

        Assert.Throws<InvalidOperationException>(() => processor.Restore(snapshot));
    }

    [Fact]
    public void A_snapshot_of_another_format_version_is_refused()
    {
        var snapshot = Processor(true).Capture() with { Version = JourneySnapshot.CurrentVersion + 1 };

        Assert.Throws<ArgumentException>(() => Processor(true).Restore(snapshot));
    }

    [Fact]
    public void Held_messages_of_every_type_come_back_from_json_as_they_went_in_and_in_their_order()
    {
        var at = JourneyEvents.Start.AddDays(1);
        JourneyInput[] messages =
        [
            JourneyInput.From(JourneyEvents.Closed("h-closed", "jrn-h", at.AddMinutes(40), JourneyOutcome.Abandoned) with { CustomerId = "cus-h" }),
            JourneyInput.From(JourneyEvents.Contact("h-rated", "jrn-h", at.AddMinutes(10), "billing", 4, "cus-h") with
            {
                Csat = null, Ratings = new RatingDictionary([new(TestCatalog.WaitingTime, 2), new(TestCatalog.Cleanliness, 9.3), new(TestCatalog.EaseOfReturn, 6)]),
                AccountId = "acc-h", ContactRole = "intern", Flags = CatalogFlags.UnknownDepartment | CatalogFlags.UnknownRole, Comment = "slow",
            }),
            JourneyInput.From(JourneyEvents.CustomerChurn("h-churn", at.AddMinutes(50), "cus-h") with { AccountId = "acc-h", Reason = "price" }),
            JourneyInput.From(JourneyEvents.Step("h-b", "jrn-h", at, "billing", "invoice") with { SiteId = TestCatalog.Roubaix, Flags = CatalogFlags.UnknownDepartment }),
            JourneyInput.From(JourneyEvents.Step("h-a", "jrn-h", at, "support") with { AccountId = "acc-h" }), // same time: its id goes first
        ];
        var processor = Processor(true);
        var uninterrupted = Processor(true);
        foreach (var m in messages)
        {
            Take(processor, m);
            Take(uninterrupted, m);
        }

        var snapshot = EngineSnapshotJson.RoundTrip(processor.Capture());

        int[] inOrder = [4, 3, 1, 0, 2];
        Assert.Equal(inOrder.Select(i => (long)i), snapshot.Held.Select(h => h.Arrival));
        Assert.Equal(inOrder.Select(i => Json(messages[i])), snapshot.Held.Select(h => Json(h.ToInput())));
        var restored = Processor(true);
        restored.Restore(snapshot);
        var frontier = at.AddHours(1);
        Assert.Equal(
            uninterrupted.Advance(frontier).Select(ContractJson.Serialize),
            restored.Advance(frontier).Select(ContractJson.Serialize));
        Assert.Equal(0, restored.Held);
        Assert.Equal((5L, 2L, 1L), (restored.Counters.Applied, restored.Counters.UnknownDepartments, restored.Counters.UnknownRoles));
        Assert.Equal(EngineSnapshotJson.Serialize(uninterrupted.Capture()), EngineSnapshotJson.Serialize(restored.Capture())); // the ratings summed in their order
        Assert.Equal(JsonSerializer.Serialize(uninterrupted.Journey("jrn-h")), JsonSerializer.Serialize(restored.Journey("jrn-h")));
        Assert.Throws<InvalidOperationException>(() => new HeldJourneyMessage(7).ToInput());

        static void Take(JourneyProcessor p, JourneyInput m) => _ = m.Signal is { } s ? p.Process(s) : p.Process(m.Feedback!);
        static string Json(JourneyInput m) => EngineSnapshotJson.Serialize(HeldJourneyMessage.Of(m, 0));
    }

    [Fact]
    public void A_restored_processor_shares_its_labels_as_one_that_took_the_messages_does()
    {
        var steps = Steps(true);
        var taken = Processor(true);
        Run(taken, steps, 0, steps.Count / 2);
        var restored = Processor(true);

        restored.Restore(EngineSnapshotJson.RoundTrip(taken.Capture()));

        var journeys = Ids(steps).Journeys.Select(restored.Journeys.Find).OfType<JourneyState>().ToList();
        var supports = journeys.SelectMany(j => j.Departments.Concat(j.Timeline.ToArray().Select(m => m.Department))).Where(d => d == "support").ToList();
        Assert.True(supports.Count > 10, $"{supports.Count} support labels");
        Assert.All(supports, d => Assert.Same(supports[0], d));
        var roubaix = journeys.Select(j => j.SiteId).Where(s => s == TestCatalog.Roubaix).ToList();
        Assert.True(roubaix.Count > 5, $"{roubaix.Count} journeys at Roubaix");
        Assert.All(roubaix, s => Assert.Same(roubaix[0], s));
    }

    private static IReadOnlyList<JourneyArrival> Steps(bool followsFrontier) => followsFrontier ? FrontierSteps : LatenessSteps;

    /// <summary>Every alert the steps emit, with the step that emitted it.</summary>
    internal static List<(int Step, Alert Alert)> Run(JourneyProcessor processor, IReadOnlyList<JourneyArrival> steps, int from, int to)
    {
        var alerts = new List<(int, Alert)>();
        for (var i = from; i < to; i++) alerts.AddRange(steps[i].ApplyTo(processor).Select(a => (i, a)));
        return alerts;
    }

    /// <summary>An alert as JSON and the step that emitted it: a restored processor must emit each when the uninterrupted one did.</summary>
    internal static string Text((int Step, Alert Alert) emitted) => $"step {emitted.Step}: {ContractJson.Serialize(emitted.Alert)}";

    /// <summary>Twelve cuts evenly spread (each just after a message held on arrival), and cuts where the state is at its most delicate; in the order of the steps.</summary>
    internal static IReadOnlyList<(string Name, int Step)> Cuts(IReadOnlyList<JourneyArrival> steps)
    {
        int FirstAt(DateTimeOffset at) => IndexOf(0, s => s.At >= at);
        int Before(string eventId) => IndexOf(0, s => s is MessageArrived m && m.Message.EventId == eventId);
        int IndexOf(int from, Func<JourneyArrival, bool> match)
        {
            for (var i = from; i < steps.Count; i++)
                if (match(steps[i])) return i;
            throw new InvalidOperationException("the scenario has no such step");
        }
        static bool HeldOnArrival(JourneyArrival s) => s is MessageArrived { Delivery: MessageDelivery.OnTime } m && m.Message.Feedback is not { JourneyId: null, AccountId: null };
        (string Name, int Step)[] cuts =
        [
            .. Enumerable.Range(1, 12).Select(i => ($"{i}/13", 1 + IndexOf(i * steps.Count / 13, HeldOnArrival))),
            ("between a message and its resend", IndexOf(Before(ResentStoryId) + 1, s => s is MessageArrived m && m.Message.EventId == ResentStoryId)),
            ("watermelon open, before its too-long deadline", FirstAt(WatermelonTooLong + FrontierLag)),
            ("account alert open, before its churn", Before(ChurnOfDiverging)),
            ("before the account's alert opens again", Before(ReopensDiverging)),
            ("before the watermelon is dropped", FirstAt(WatermelonDropped + FrontierLag)),
            ("before a late message", IndexOf(steps.Count / 2, s => s is MessageArrived { Delivery: MessageDelivery.Late })),
            ("before a message resent after its id was forgotten", IndexOf(steps.Count / 3, s => s is MessageArrived { Delivery: MessageDelivery.ResentForgotten })),
        ];
        return [.. cuts.OrderBy(c => c.Step)];
    }

    /// <summary>The scenario makes what it says: every kind of alert, late messages, duplicates, unknown values, drops.</summary>
    private static void ScenarioHolds(JourneyProcessor p, List<Alert> alerts)
    {
        IEnumerable<Alert> Of(string journeyId) => alerts.Where(a => a.Factors[0] is WatermelonFactor f && f.JourneyId == journeyId);
        Assert.Equal(
            [AlertStatus.Open, .. Enumerable.Repeat(AlertStatus.Updated, 5), AlertStatus.Resolved],
            Of(Watermelon).Select(a => a.Status));
        Assert.Contains("was dropped", Of(Watermelon).Last().Explanation, StringComparison.Ordinal);
        Assert.Contains(Of(Watermelon), a => JourneyEvents.Watermelon(a).RedRules.Contains("too-long"));
        Assert.Contains("was closed resolved", Of(Saved).Last().Explanation, StringComparison.Ordinal);
        Assert.Contains("no longer a watermelon", Of(Soured).Last().Explanation, StringComparison.Ordinal);
        Assert.Contains(Of(B2bJourney), a => a.Status == AlertStatus.Updated && JourneyEvents.Watermelon(a).Churn);

        var diverging = alerts.Where(a => a.Factors[0] is DivergenceFactor f && f.AccountId == Diverging).ToList();
        Assert.Equal(2, diverging.Select(a => a.AlertId).Distinct().Count());
        Assert.Equal([AlertStatus.Open, AlertStatus.Updated, AlertStatus.Updated], diverging.Take(3).Select(a => a.Status));
        Assert.Contains(diverging, a => a.Status == AlertStatus.Updated && ((DivergenceFactor)a.Factors[0]).Churn);
        Assert.Contains(diverging, a => a.Status == AlertStatus.Resolved && a.Explanation.Contains("no longer shows diverging roles", StringComparison.Ordinal));
        Assert.Contains("was dropped", diverging[^1].Explanation, StringComparison.Ordinal);
        Assert.True(alerts.Count(a => a.AttributeId == JourneyAlertComposer.JourneyAttributeId && a.Status == AlertStatus.Open) > 10, "few background watermelons");

        var c = p.Counters;
        Assert.All([("late", c.Late), ("duplicates", c.Duplicates), ("unknown departments", c.UnknownDepartments), ("unknown roles", c.UnknownRoles), ("dropped", p.Journeys.Dropped)],
            n => Assert.True(n.Item2 > 0, $"no {n.Item1}"));
        Assert.True(p.Journeys.Count > 10 && p.Accounts.Count > 2, $"{p.Journeys.Count} journeys, {p.Accounts.Count} accounts held at the end");
    }

    /// <summary>What a cut was chosen for is in its snapshot.</summary>
    private static void SnapshotHolds(string name, IReadOnlyList<JourneyArrival> steps, int cut, JourneySnapshot s)
    {
        JourneyStateSnapshot Journey(string id) => s.Journeys.Journeys.Single(j => j.JourneyId == id);
        AccountStateSnapshot Account(string id) => s.Accounts.Accounts.Single(a => a.AccountId == id);
        if (name.Contains('/', StringComparison.Ordinal)) Assert.NotEmpty(s.Held);
        switch (name)
        {
            case "between a message and its resend":
                Assert.Contains(s.Ids, i => i.Id == ResentStoryId);
                break;
            case "watermelon open, before its too-long deadline":
                Assert.Equal((false, 3), (Journey(Watermelon).AlertClosed, Journey(Watermelon).AlertSequence));
                Assert.Contains(new DueEntry(Watermelon, WatermelonTooLong.UtcTicks), s.Journeys.Due);
                break;
            case "account alert open, before its churn":
                Assert.NotNull(Account(Diverging).AlertId);
                break;
            case "before the account's alert opens again":
                Assert.Null(Account(Diverging).AlertId);
                Assert.Contains(Account(Diverging).Roles, r => r is { Role: "intern", Count: 1 });
                break;
            case "before the watermelon is dropped":
                Assert.Equal((false, 6), (Journey(Watermelon).AlertClosed, Journey(Watermelon).AlertSequence));
                break;
            case "before a message resent after its id was forgotten":
                Assert.DoesNotContain(s.Ids, i => i.Id == ((MessageArrived)steps[cut]).Message.EventId);
                break;
        }
    }

    /// <summary>Every view the journeys give, as one text.</summary>
    internal static string Views(JourneyProcessor p, IReadOnlyList<JourneyArrival> steps)
    {
        var (journeys, accounts) = Ids(steps);
        return JsonSerializer.Serialize(
            new
            {
                Journeys = journeys.Select(p.Journey),
                Accounts = accounts.Select(p.Account),
                p.Counters,
                p.Journeys.Count,
                p.Journeys.Dropped,
                AccountCount = p.Accounts.Count,
                p.Held,
            },
            EngineSnapshotJson.Options);
    }
}
