using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Tests.Scenarios;
using StreamCx.Domain.Tests.TestSupport;

namespace StreamCx.Domain.Tests.Grouping;

/// <summary>
/// Sites falling with their region's move join its group (<see cref="Detection.Drift.MoveFall"/>): a region-wide fall reaches
/// quiet sites and smaller falls whose own evidence stays under a lone site's thresholds; the group names them, and sites
/// that did not fall stay out of it.
/// </summary>
public sealed class MoveJoinTests
{
    private static readonly string[] Attributes = ["waiting-time", "cleanliness"];
    private static readonly ReferenceCatalog Catalog = Feedback.Catalog([10, 4], Attributes);
    // responses an hour of each site of the region r0 (the other region is steady, at 12 an hour)
    private static readonly double[] Rates = [20, 20, 12, 12, 6, 6, 4, 4, 3, 3];
    private const double Fall = 0.8;
    private const int Onset = 4 * 24 + 10; // 10:00 on the fifth day

    /// <summary>Four steady days, then waiting time falls by <see cref="Fall"/> at the given sites of r0 from <see cref="Onset"/> for 12 h.</summary>
    private static List<FeedbackEvent> Events(int seed, Func<int, bool> falls) => Feedback.Merge(Catalog.Sites.Select((s, i) => Feedback.Stream(
        s.SiteId, TimeSpan.FromHours(7 * 24), s.RegionId == "r0" ? Rates[i] : 12,
        (a, h) => a == "waiting-time" && s.RegionId == "r0" && falls(i) && h is >= Onset and < Onset + 12 ? 4.0 - Fall : 4.0,
        Attributes, seed: (100 * seed) + i, sd: 0.8)).ToArray()).ToList();

    /// <summary>
    /// The sites the region group on waiting time names <paramref name="within"/> of the onset, and the site alerts notified
    /// on their own by then.
    /// </summary>
    private static (IReadOnlyList<string> Named, int NotifiedAlone) Outcome(List<FeedbackEvent> events, DetectionSettings settings, TimeSpan within)
    {
        var deadline = Feedback.Start.AddHours(Onset) + within;
        var alerts = Feedback.Run(Feedback.Processor(Catalog, settings), events).Where(a => a.RaisedAt <= deadline).ToList();
        var group = alerts.LastOrDefault(a => a is { AttributeId: "waiting-time", Factors: [GroupFactor { Scope: GroupFactor.RegionScope }] });
        var named = group is null ? [] : ((GroupFactor)group.Factors[0]).SiteIds;
        return (named, alerts.Count(a => a is { AttributeId: "waiting-time", Status: AlertStatus.Open } && a.Factors is not [GroupFactor]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_fall_at_every_site_of_a_region_is_named_at_quiet_sites_too(int seed)
    {
        var events = Events(seed, _ => true);
        var within = TimeSpan.FromHours(6);
        var alone = Outcome(events, new DetectionSettings { GroupJoinZ = 0 }, within);
        var joined = Outcome(events, new DetectionSettings(), within);

        Console.WriteLine($"seed {seed}: named {joined.Named.Count} ({joined.NotifiedAlone} alone) joining, {alone.Named.Count} ({alone.NotifiedAlone}) without");
        Assert.True(joined.Named.Count >= 6, $"named {joined.Named.Count} of 10 with joining ({string.Join(',', joined.Named)}), {alone.Named.Count} without");
        Assert.True(joined.Named.Count >= alone.Named.Count + 2, $"joining names {joined.Named.Count}, the lone thresholds {alone.Named.Count}");
        // the joined sites are in the group, not notified one by one
        Assert.True(joined.NotifiedAlone <= alone.NotifiedAlone, $"{joined.NotifiedAlone} site alerts notified with joining, {alone.NotifiedAlone} without");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Sites_that_did_not_fall_stay_out_of_the_group(int seed)
    {
        // the even sites fall (20, 12, 6, 4, 3 an hour), the odd ones stay where they were
        var (named, _) = Outcome(Events(seed, i => i % 2 == 0), new DetectionSettings(), TimeSpan.FromDays(2));
        var steady = Catalog.Sites.Where((s, i) => s.RegionId == "r0" && i % 2 == 1).Select(s => s.SiteId).ToHashSet();
        Assert.NotEmpty(named);
        Assert.DoesNotContain(named, steady.Contains);
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 4)]
    public void A_region_restarted_while_sites_join_the_move_goes_on_as_if_it_never_stopped(int seed, int hoursAfterOnset)
    {
        var events = Events(seed, _ => true);
        static string Line(Alert a) => ContractJson.Serialize(a with { EmittedAt = default });
        var whole = Feedback.Run(Feedback.Processor(Catalog), events).Select(Line).ToList();

        var cut = Feedback.Start.AddHours(Onset + hoursAfterOnset);
        var first = Feedback.Processor(Catalog);
        var before = Feedback.Run(first, events.Where(e => e.OccurredAt < cut)).Select(Line).ToList();
        var restarted = ProcessorRestart.Restarted(first, Catalog, () => Feedback.Processor(Catalog));
        var after = Feedback.Run(restarted, events.Where(e => e.OccurredAt >= cut)).Select(Line).ToList();

        Assert.Contains(before, l => l.Contains("\"kind\":\"group\"", StringComparison.Ordinal)); // the group formed before the cut
        Assert.Contains(after, l => l.Contains("\"kind\":\"group\"", StringComparison.Ordinal) && l.Contains("\"status\":\"updated\"", StringComparison.Ordinal));
        Assert.Equal(whole, before.Concat(after));
    }

    [Fact]
    public void Its_knobs_are_checked()
    {
        Assert.Contains("GroupJoinZ must not be negative, got -1", new DetectionSettings { GroupJoinZ = -1 }.Validate());
        Assert.Contains("GroupJoinHorizon must be positive, got 00:00:00", new DetectionSettings { GroupJoinHorizon = TimeSpan.Zero }.Validate());
        Assert.Contains(new DetectionSettings { GroupJoinHorizon = TimeSpan.FromDays(4) }.Validate(), e => e.StartsWith("GroupJoinHorizon and GroupWindow together must be under", StringComparison.Ordinal));
        Assert.Contains("GroupJoinMinCount must be at least 2, got 1", new DetectionSettings { GroupJoinMinCount = 1 }.Validate());
        Assert.Empty(new DetectionSettings { GroupJoinZ = 0 }.Validate());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Without_a_move_joining_changes_nothing(int seed)
    {
        // the fall at the two quietest sites only: no group forms, so no site is asked whether it fell with one
        var events = Events(seed, i => i >= 8);
        static List<string> Lines(IEnumerable<Alert> alerts) => alerts.Select(a => ContractJson.Serialize(a with { EmittedAt = default })).ToList();
        var joining = Lines(Feedback.Run(Feedback.Processor(Catalog), events));
        Assert.Equal(Lines(Feedback.Run(Feedback.Processor(Catalog, new DetectionSettings { GroupJoinZ = 0 }), events)), joining);
        Assert.DoesNotContain(joining, l => l.Contains("\"kind\":\"group\"", StringComparison.Ordinal));
    }
}
