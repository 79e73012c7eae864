using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Listening;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Social;
using StreamCx.Domain.Tests.Complaints;
using StreamCx.Domain.Tests.TestSupport;
using static StreamCx.Domain.Tests.Social.SocialScenario;

namespace StreamCx.Domain.Tests.Social;

/// <summary>The <c>social</c> factor: negative mentions that accelerate, on counts, within minutes of event time of the onset.</summary>
public sealed class SocialAccelerationTests
{
    private static ListeningProcessor Processor() => new(ComplaintScenario.Catalog, new(), new FakeTimeProvider(Start));

    private static List<Alert> Run(ListeningProcessor p, IEnumerable<ListeningEvent> events) => Ordered(events).SelectMany(p.Apply).ToList();

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(9)]
    public void A_burst_of_negative_mentions_raises_the_social_factor_within_minutes_of_its_onset(int seed)
    {
        var alerts = Run(Processor(), Background(seed: seed).Concat(Burst(-0.8)));

        var opened = Assert.Single(alerts, a => a.Status == AlertStatus.Open);
        Assert.Equal(("site-0", "social"), (opened.SiteId, opened.AttributeId));
        Assert.InRange(opened.RaisedAt - Onset, TimeSpan.Zero, TimeSpan.FromMinutes(5));
        var factor = Assert.IsType<SocialFactor>(Assert.Single(opened.Factors));
        Assert.True(factor.Count >= 5 && factor.Ratio >= 3, $"{factor}");
        Assert.True(factor.Reach >= 1000 * factor.Count, $"{factor}"); // the burst's reach, not the background's
        Assert.Null(factor.Spreading);
        Assert.Contains("Negative social mentions of Site 0 are accelerating", opened.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(9)]
    public void A_burst_of_positive_mentions_raises_nothing(int seed)
    {
        Assert.Empty(Run(Processor(), Background(seed: seed).Concat(Burst(0.8))));
    }

    [Fact]
    public void Mentions_without_a_site_alert_brand_wide()
    {
        var alerts = Run(Processor(), Background(site: null).Concat(Burst(-0.9, site: null)));

        var opened = Assert.Single(alerts, a => a.Status == AlertStatus.Open);
        Assert.Equal(("brand", "brand", SocialAlerts.BrandName), (opened.SiteId, opened.RegionId, opened.SiteName));
        Assert.Null(Assert.IsType<SocialFactor>(opened.Factors[0]).SiteId);
    }

    [Fact]
    public void Mentions_rising_at_a_site_whose_complaints_already_surge_are_escalated_as_spreading()
    {
        var complaints = ComplaintScenario.Background().Where(c => c.OccurredAt < ComplaintScenario.SurgeStart.AddHours(6))
            .Concat(ComplaintScenario.Burst());
        // the social burst an hour into the complaint surge, mentions about the surging site
        var offset = ComplaintScenario.SurgeStart.AddHours(3) - Onset;
        var mentions = Background(days: 32).Concat(Burst(-0.8).Select(m => m with { OccurredAt = m.OccurredAt + offset }));

        var alerts = Run(Processor(), complaints.Cast<ListeningEvent>().Concat(mentions));

        var social = Assert.Single(alerts, a => a.Status == AlertStatus.Open && a.AttributeId == "social");
        Assert.Equal("complaints about \"Long wait\"", Assert.IsType<SocialFactor>(social.Factors[0]).Spreading);
        Assert.Contains("Spreading: complaints about \"Long wait\" is already alerting there.", social.Explanation, StringComparison.Ordinal);
        Assert.True(social.Severity >= 0.6, $"severity {social.Severity}");
    }

    [Fact]
    public void Scope_state_restored_from_its_json_snapshot_mid_burst_gives_the_alerts_of_an_uninterrupted_run()
    {
        var events = Ordered(Background().Concat(Burst(-0.8))).ToList();
        var cut = events.FindIndex(e => e.OccurredAt >= Onset.AddMinutes(10));
        var uninterrupted = Run(Processor(), events).Select(ContractJson.Serialize).ToList();

        var first = Processor();
        var before = Run(first, events.Take(cut));
        var restored = Processor();
        restored.Social.Restore("site-0", EngineSnapshotJson.RoundTrip(first.Social.Capture("site-0")));
        var after = Run(restored, events.Skip(cut));

        Assert.Contains(before, a => a.Status == AlertStatus.Open);
        Assert.Equal(uninterrupted, before.Concat(after).Select(ContractJson.Serialize).ToList());
    }
}

/// <summary>
/// One processor per region-topic partition, as the engine keeps them, raises the social alerts one processor for every
/// region raises (<c>replay</c>): a mention re-tests the open alerts of its own region only.
/// </summary>
public sealed class SocialSplitTests
{
    private static readonly ReferenceCatalog TwoRegions = new(
        [new Site("site-0", "Site 0", "north"), new Site("site-1", "Site 1", "north"), new Site("site-2", "Site 2", "south")],
        [new AttributeDefinition("waiting-time", "Waiting time", 1, 5, 2)]);

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public void Regions_split_over_two_processors_give_the_social_alerts_of_one(int seed)
    {
        var mentions = Ordered(
            new[] { "site-0", "site-1", "site-2", null }.SelectMany((site, i) => Background(site, seed + i, days: 9))
                .Concat(Burst(-0.8, "site-0", "b0")).Concat(Burst(-0.8, "site-2", "b2")).Concat(Burst(-0.8, null, "bb"))).ToList();
        var one = Processor();
        var whole = mentions.SelectMany(one.Apply).ToList();
        var (north, rest) = (Processor(), Processor()); // rest: the south and the brand-wide mentions
        var split = mentions.SelectMany(m => (m.SiteId is { } s && TwoRegions.Site(s).RegionId == "north" ? north : rest).Apply(m)).ToList();

        Assert.Equal(3, whole.Count(a => a.Status == AlertStatus.Open));
        Assert.Contains(whole, a => a.Status == AlertStatus.Resolved);
        Assert.Equal(Sorted(whole), Sorted(split));
    }

    private static ListeningProcessor Processor() => new(TwoRegions, new(), new FakeTimeProvider(Start));

    private static List<string> Sorted(IEnumerable<Alert> alerts) =>
        [.. alerts.OrderBy(a => a.RaisedAt).ThenBy(a => a.AlertId, StringComparer.Ordinal).ThenBy(a => a.Sequence).Select(ContractJson.Serialize)];
}
