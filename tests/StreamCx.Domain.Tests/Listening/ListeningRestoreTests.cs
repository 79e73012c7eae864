using System.Text.Json;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Listening;
using StreamCx.Domain.Snapshots;
using StreamCx.Domain.Tests.TestSupport;
using Xunit.Abstractions;
using static StreamCx.Domain.Tests.Listening.ListeningScenario;

namespace StreamCx.Domain.Tests.Listening;

/// <summary>
/// The listening processor saved whole and put back, as the engine does for one partition: at many cuts of
/// <see cref="ListeningScenario"/> the processor is captured, written to JSON and read back with the engine's options,
/// restored into a fresh processor and continued. Whatever the cut, the alerts (every field) and the views at the end must
/// be those of a processor that was never interrupted: any state left out of the snapshot, or put back differently, shows here.
/// </summary>
public sealed class ListeningRestoreTests(ITestOutputHelper output)
{
    private static readonly IReadOnlyList<ListeningStep> Steps = ListeningScenario.Steps();

    [Fact]
    public void A_processor_restored_from_its_snapshot_at_any_cut_gives_the_alerts_and_views_of_an_uninterrupted_one()
    {
        var uninterrupted = Processor();
        var emitted = Run(uninterrupted, 0, Steps.Count);
        ScenarioHolds(uninterrupted, emitted);
        var alerts = emitted.ConvertAll(ContractJson.Serialize);
        var runs = new RestoredRuns(new(alerts, Views(uninterrupted), EngineSnapshotJson.Serialize(uninterrupted.Capture())), output);

        var saver = Processor();
        var before = new List<string>();
        var done = 0;
        foreach (var (name, cut) in Cuts())
        {
            before.AddRange(Run(saver, done, cut).ConvertAll(ContractJson.Serialize));
            done = cut;
            var snapshot = EngineSnapshotJson.RoundTrip(saver.Capture());
            SnapshotHolds(name, cut, snapshot);
            var restored = Processor();
            restored.Restore(snapshot);
            Assert.Equal(EngineSnapshotJson.Serialize(snapshot), EngineSnapshotJson.Serialize(restored.Capture())); // all it was given is back

            var continued = before.Concat(Run(restored, cut, Steps.Count).ConvertAll(ContractJson.Serialize)).ToList();
            runs.Compare(
                $"cut {name} before step {cut} ({Steps[cut].At:O}, {snapshot.Held.Count} held)",
                new(continued, Views(restored), EngineSnapshotJson.Serialize(restored.Capture())));
        }
        output.WriteLine($"{Steps.Count} steps, {alerts.Count} alert emissions, {Cuts().Count} cuts");
        runs.AssertAllEqual();
    }

    [Theory]
    [InlineData("offer")]
    [InlineData("apply")]
    [InlineData("observe")]
    [InlineData("advance")]
    [InlineData("restore")]
    public void Restoring_into_a_processor_that_already_took_something_throws(string took)
    {
        var snapshot = Processor().Capture();
        var processor = Processor();
        var first = Steps.OfType<Offered>().First().Message;
        Action act = took switch
        {
            "offer" => () => processor.Offer(first),
            "apply" => () => processor.Apply(first),
            "observe" => () => processor.Observe(Steps.OfType<Observed>().First().Feedback),
            "advance" => () => processor.Advance(Start),
            _ => () => processor.Restore(snapshot),
        };
        act();

        Assert.Throws<InvalidOperationException>(() => processor.Restore(snapshot));
    }

    [Fact]
    public void A_snapshot_of_another_format_version_is_refused()
    {
        var snapshot = Processor().Capture() with { Version = ListeningSnapshot.CurrentVersion + 1 };

        Assert.Throws<ArgumentException>(() => Processor().Restore(snapshot));
    }

    [Fact]
    public void Held_messages_of_every_type_come_back_from_json_as_they_went_in_and_in_their_order()
    {
        var offered = Steps.OfType<Offered>().Select(o => o.Message);
        ListeningEvent[] messages =
        [
            offered.OfType<SocialMention>().First(), offered.OfType<Incident>().First(i => i.Magnitude is not null && i.EndedAt is not null),
            offered.OfType<InternalReport>().First(r => r.Topic is not null), offered.OfType<Complaint>().First(c => c.Flags != CatalogFlags.None),
        ];
        var corrected = (Complaint)messages[3] with { ReasonId = "rude-staff", Flags = CatalogFlags.None }; // same id and time: only its arrival orders it
        var processor = Processor();
        foreach (var m in messages.Append(corrected)) processor.Offer(m);

        var snapshot = EngineSnapshotJson.RoundTrip(processor.Capture());

        var inOrder = messages.Append(corrected).OrderBy(m => m.OccurredAt).ThenBy(m => m.EventId, StringComparer.Ordinal).ToArray();
        Assert.Equal(inOrder, snapshot.Held.Select(h => h.ToEvent()));
        Assert.Equal([3L, 4L], snapshot.Held.Where(h => h.Complaint is not null).Select(h => h.Arrival));
        var restored = Processor();
        restored.Restore(snapshot);
        restored.Advance(inOrder[^1].OccurredAt);
        Assert.Equal(0, restored.Held);
        Assert.Equal(1, restored.Counters.Of(ListeningTypes.SocialMention));
        Assert.Equal((1L, 1L), (restored.Complaints.Counters.Applied, restored.Complaints.Counters.Duplicates));
        Assert.Equal(1, restored.Complaints.Board(null, null, null).Reasons.Single().Count);
        Assert.Equal(messages[3].Flags.HasFlag(CatalogFlags.UnknownReason) ? 1 : 0, restored.Counters.Uncatalogued(CatalogFlags.UnknownReason));
        Assert.Throws<InvalidOperationException>(() => new HeldListeningMessage(7).ToEvent());
    }

    private static List<Alert> Run(ListeningProcessor processor, int from, int to)
    {
        var alerts = new List<Alert>();
        for (var i = from; i < to; i++) alerts.AddRange(Steps[i].ApplyTo(processor));
        return alerts;
    }

    /// <summary>Twelve cuts evenly spread, and cuts where the state is at its most delicate; in the order of the steps.</summary>
    private static IReadOnlyList<(string Name, int Step)> Cuts()
    {
        int FirstAt(DateTimeOffset at) => IndexOf(0, s => s.At >= at);
        int IndexOf(int from, Func<ListeningStep, bool> match)
        {
            for (var i = from; i < Steps.Count; i++)
                if (match(Steps[i])) return i;
            throw new InvalidOperationException("the scenario has no such step");
        }
        (string Name, int Step)[] cuts =
        [
            .. Enumerable.Range(1, 12).Select(i => ($"{i}/13", i * Steps.Count / 13)),
            ("after the breakdowns, before the complaint surge", FirstAt(ComplaintSurge.AddMinutes(-45))),
            ("mid complaint surge", FirstAt(ComplaintSurge.AddHours(3))),
            ("mid social burst", FirstAt(SocialOnset.AddMinutes(25))),
            ("mid staff report surge", FirstAt(InternalSurge.AddHours(3))),
            ("before a late message", IndexOf(Steps.Count / 2, s => s is Offered { Delivery: Delivery.Late })),
            ("between a complaint and its corrected resend", IndexOf(Steps.Count / 3, s => s is Offered { Delivery: Delivery.ResentCorrected })),
        ];
        return [.. cuts.OrderBy(c => c.Step)];
    }

    /// <summary>The scenario makes what it says: each kind of alert, late messages, duplicates, uncatalogued values, measures.</summary>
    private static void ScenarioHolds(ListeningProcessor p, List<Alert> alerts)
    {
        Assert.Contains(alerts, a => a is { Status: AlertStatus.Open } && a.SiteId == North[0] && a.Factors[0] is ComplaintsFactor { Incidents.Count: > 0 });
        Assert.Contains(alerts, a => a is { Status: AlertStatus.Resolved } && a.SiteId == North[0] && a.Factors[0] is ComplaintsFactor);
        Assert.Contains(alerts, a => a is { Status: AlertStatus.Open } && a.SiteId == North[0] && a.Factors[0] is SocialFactor { Spreading: not null });
        Assert.Contains(alerts, a => a is { Status: AlertStatus.Open } && a.SiteId == North[1] && a.Factors[0] is InternalFactor);
        Assert.True(p.Late > 0 && p.Held > 0, $"late {p.Late}, held {p.Held}");
        Assert.All(
            [("complaints", p.Complaints.Counters.Duplicates), ("staff reports", p.Internal.Counters.Duplicates), ("mentions", p.Social.Duplicates), ("incidents", p.Incidents.Duplicates)],
            d => Assert.True(d.Item2 > 0, $"no duplicate {d.Item1}"));
        Assert.All(ListeningCounters.UncataloguedFlags, f => Assert.True(p.Counters.Uncatalogued(f) > 0, $"{f}"));
        Assert.NotNull(p.Social.Scope(ListeningTypes.BrandWide));
        Assert.NotEmpty(p.Service.Of("south", null));
        Assert.NotEmpty(p.Channels.View("north", null, 72).Indicators);
    }

    /// <summary>What a cut was chosen for is in its snapshot.</summary>
    private static void SnapshotHolds(string name, int cut, ListeningSnapshot s)
    {
        Assert.NotEmpty(s.Held);
        Assert.NotNull(s.Channels);
        static bool Open(SurgeAlertState? a) => a is { Resolved: false };
        switch (name)
        {
            case "mid complaint surge":
                Assert.Contains(s.Complaints.Sites[North[0]].Alerts.Values, Open);
                break;
            case "mid social burst":
                Assert.True(Open(s.Social.Scopes[North[0]].Alert));
                break;
            case "mid staff report surge":
                Assert.Contains(s.Internal.Sites[North[1]].Alerts.Values, Open);
                break;
            case "between a complaint and its corrected resend":
                Assert.Contains(s.Held, h => h.Complaint?.EventId == ((Offered)Steps[cut]).Message.EventId); // the original, held: the resend is the next step
                break;
        }
    }

    /// <summary>Every view the listening sources give, as one text.</summary>
    private static string Views(ListeningProcessor p) => JsonSerializer.Serialize(
        new
        {
            Complaints = p.Complaints.Board(null, null, null),
            ComplaintsBySite = North.Select(s => p.Complaints.Board(null, s, null, days: 1)),
            ComplaintCounters = p.Complaints.Counters,
            Internal = p.Internal.Board(null, null, null),
            InternalCounters = p.Internal.Counters,
            Social = p.Social.Scopes.Select(s => new { s.Scope, s.FirstBucket, s.NewestBucket, s.Mentions, s.Negative, s.Alert }),
            SocialCounters = new { p.Social.Applied, p.Social.Duplicates },
            Incidents = North.Append(South).Select(s => p.Incidents.Book(s)?.Incidents),
            IncidentSurges = p.IncidentSurges.Board(null, null, null),
            IncidentSurgeCounters = p.IncidentSurges.Counters,
            IncidentCounters = new { p.Incidents.Applied, p.Incidents.Duplicates },
            Service = p.Service.Of(null, null),
            Channels = Regions.Select(r => p.Channels.View(r, null, 72)).Concat(North.Select(s => p.Channels.View(null, s, 24))),
            ChannelCounters = new { p.Channels.Applied, p.Channels.Late, p.Channels.Held, p.Channels.TestedThrough },
            Counters = ListeningTypes.All.Select(p.Counters.Of),
            Uncatalogued = ListeningCounters.UncataloguedFlags.Select(p.Counters.Uncatalogued),
            p.Late,
            p.Held,
        },
        EngineSnapshotJson.Options);
}
