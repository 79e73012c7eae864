using StreamCx.Domain.Complaints;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Tests.TestSupport;
using static StreamCx.Domain.Tests.Complaints.ComplaintScenario;

namespace StreamCx.Domain.Tests.Complaints;

/// <summary>The <c>complaints</c> factor: a surge in a reason's count at a site, against its own usual rate and its peers', on counts.</summary>
public sealed class ComplaintSurgeTests
{
    [Theory]
    [InlineData(7)]
    [InlineData(11)]
    [InlineData(23)]
    [InlineData(31)]
    [InlineData(42)]
    public void A_reason_that_triples_at_one_site_for_a_few_hours_alerts_within_them(int seed)
    {
        var alerts = Run(Processor(), Background(seed).Concat(Burst(hours: 4)));

        var opened = Assert.Single(alerts, a => a.Status == AlertStatus.Open);
        Assert.Equal((Surging, "waiting-time"), (opened.SiteId, opened.AttributeId));
        Assert.InRange(opened.RaisedAt, SurgeStart, SurgeStart.AddHours(4));
        var factor = Assert.IsType<ComplaintsFactor>(Assert.Single(opened.Factors));
        Assert.Equal(("long-wait", "Long wait", true), (factor.ReasonId, factor.ReasonLabel, factor.Catalogued));
        Assert.True(factor.Ratio >= 2, $"ratio {factor.Ratio}");
        Assert.True(factor.PValue <= new ComplaintSettings().SurgeP, $"p {factor.PValue}");
        Assert.Equal(5, factor.PeerCount);
        Assert.Contains("Complaints for \"Long wait\" at Site 0 surged", opened.Explanation, StringComparison.Ordinal);
        // over once the burst is gone
        Assert.Contains(alerts, a => a.Status == AlertStatus.Resolved && a.AlertId == opened.AlertId && a.RaisedAt > SurgeStart.AddHours(4));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(11)]
    [InlineData(23)]
    [InlineData(31)]
    [InlineData(42)]
    public void The_same_number_spread_over_a_month_does_not_alert(int seed)
    {
        Assert.Empty(Run(Processor(), Background(seed).Concat(Spread(count: 24))));
    }

    [Fact]
    public void A_site_that_always_has_more_complaints_than_its_peers_is_not_surging()
    {
        // site-0 always at twice its peers' rate: its own usual rate is the expectation, not the peers'
        var extra = Enumerable.Range(0, Days * 24 * 3).Select(n => At(Surging, Start.AddMinutes((n * 20) + 3), $"always-{n}"));

        Assert.Empty(Run(Processor(), Background().Concat(extra)));
    }

    [Fact]
    public void A_surge_of_an_uncatalogued_reason_alerts_under_complaints_and_says_so()
    {
        var alerts = Run(Processor(), Background(reason: "parking-fees").Concat(Burst(reason: "parking-fees")));

        var opened = Assert.Single(alerts, a => a.Status == AlertStatus.Open);
        var factor = Assert.IsType<ComplaintsFactor>(opened.Factors[0]);
        Assert.Equal(("complaints", "parking-fees", false), (opened.AttributeId, factor.ReasonLabel, factor.Catalogued));
        Assert.Contains("(uncatalogued reason)", opened.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Replaying_the_same_complaints_gives_the_same_alerts_and_duplicates_count_once()
    {
        var complaints = Background().Concat(Burst()).ToList();
        var once = Run(Processor(), complaints).Select(ContractJson.Serialize).ToList();
        var processor = Processor();
        var twice = Run(processor, complaints.Concat(complaints.Where((_, i) => i % 50 == 0))).Select(ContractJson.Serialize).ToList();

        Assert.Equal(once, twice);
        Assert.Equal(complaints.Count / 50 + (complaints.Count % 50 == 0 ? 0 : 1), processor.Counters.Duplicates);
    }

    [Fact]
    public void Site_state_restored_from_its_json_snapshot_mid_surge_gives_the_alerts_of_an_uninterrupted_run()
    {
        var complaints = Ordered(Background().Concat(Burst())).ToList();
        var cut = complaints.FindIndex(c => c.OccurredAt >= SurgeStart.AddHours(2));
        var uninterrupted = Run(Processor(), complaints).Select(ContractJson.Serialize).ToList();

        var first = Processor();
        var before = Run(first, complaints.Take(cut));
        var restored = Processor();
        foreach (var site in first.Sites.Select(s => s.SiteId).ToArray())
            restored.Restore(site, EngineSnapshotJson.RoundTrip(first.Capture(site)));
        var after = Run(restored, complaints.Skip(cut));

        Assert.Equal(uninterrupted, before.Concat(after).Select(ContractJson.Serialize).ToList());
        Assert.Contains(after, a => a.Status == AlertStatus.Resolved); // the surge opened before the cut is carried over and resolved after it
    }
}
