using StreamCx.Domain.Contracts;
using StreamCx.Domain.Service;
using StreamCx.Domain.Tests.TestSupport;

namespace StreamCx.Domain.Tests.Service;

/// <summary>Service figures per site and channel, beside what customers say.</summary>
public sealed class ServiceKpisTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private static FeedbackEvent Contact(int i, string site, string channel, bool? fcr, double? aht, int? contacts, int? nps = null, int? csat = null) =>
        new($"e{i}", At.AddMinutes(i), site, channel, RatingDictionary.Empty)
        {
            FirstContactResolution = fcr, HandlingSeconds = aht, ContactCount = contacts, Nps = nps, Csat = csat,
        };

    [Fact]
    public void First_contact_resolution_handling_time_and_contacts_are_given_with_nps_and_csat_by_resolution()
    {
        var kpis = new ServiceKpis(TestCatalog.Create());
        var n = 0;
        // 6 resolved at once, rated well; 4 not, rated badly; longer calls rated worse
        for (var i = 0; i < 6; i++) kpis.Observe(Contact(n++, TestCatalog.LilleCentre, "phone", true, 200 + (i * 10), 1, nps: 9, csat: 5));
        for (var i = 0; i < 4; i++) kpis.Observe(Contact(n++, TestCatalog.LilleCentre, "phone", false, 600 + (i * 10), 3, nps: 3, csat: 2));
        kpis.Observe(Contact(n++, TestCatalog.LilleCentre, "chat", null, null, null, nps: 10)); // no service figure: not counted
        kpis.Observe(Contact(n++, TestCatalog.ParisOpera, "chat", true, 90, 1));

        var lille = Assert.Single(kpis.Of(null, TestCatalog.LilleCentre));

        Assert.Equal(("phone", 10L, (double?)60, (double?)(((6 * 225) + (4 * 615)) / 10.0), (double?)1.8), (lille.Channel, lille.Responses, lille.FirstContactResolutionRate, lille.MeanHandlingSeconds, lille.ContactsPerResolution));
        Assert.Equal(((double?)100, (double?)-100, (double?)100, (double?)0), (lille.NpsResolvedFirst, lille.NpsNotResolvedFirst, lille.CsatResolvedFirst, lille.CsatNotResolvedFirst));
        Assert.True(lille.HandlingTimeCsatCorrelation < -0.9, $"{lille.HandlingTimeCsatCorrelation}");
        Assert.Equal([TestCatalog.LilleCentre], kpis.Of("north", null).Select(v => v.SiteId));
        Assert.Equal(2, kpis.Of(null, null).Count);
    }

    [Fact]
    public void Channels_per_site_are_bounded_and_nothing_is_lost()
    {
        var kpis = new ServiceKpis(TestCatalog.Create());
        for (var i = 0; i < 100; i++) kpis.Observe(Contact(i, TestCatalog.Roubaix, $"channel-{i}", true, 60, 1));

        var rows = kpis.Of(null, TestCatalog.Roubaix);

        Assert.Equal(ServiceKpis.MaxChannelsPerSite + 1, rows.Count);
        Assert.Equal(100, rows.Sum(r => r.Responses));
    }

    /// <summary>
    /// Lille Centre's phone contacts: 40 of them 60 days before its newest, all resolved at once in 100 s; 20 in its last 10
    /// days, half resolved, in 400 s; 5 more 120 days before (beyond the retention). Paris Opera's newest day is 50 days
    /// before Lille's.
    /// </summary>
    private static List<FeedbackEvent> History()
    {
        var events = new List<FeedbackEvent>();
        FeedbackEvent On(double daysBefore, string site, bool fcr, double aht) =>
            new($"h{events.Count}", At.AddDays(-daysBefore), site, "phone", RatingDictionary.Empty) { FirstContactResolution = fcr, HandlingSeconds = aht, ContactCount = fcr ? 1 : 2 };
        for (var i = 0; i < 5; i++) events.Add(On(120, TestCatalog.LilleCentre, true, 50));
        for (var i = 0; i < 40; i++) events.Add(On(60 + (i * 0.01), TestCatalog.LilleCentre, true, 100));
        for (var i = 0; i < 20; i++) events.Add(On(i * 0.5, TestCatalog.LilleCentre, i % 2 == 0, 400));
        for (var i = 0; i < 6; i++) events.Add(On(50 + i, TestCatalog.ParisOpera, true, 90));
        return events;
    }

    [Fact]
    public void A_view_covers_the_last_days_of_each_site_s_own_feedback_and_days_beyond_the_retention_are_forgotten()
    {
        var kpis = new ServiceKpis(TestCatalog.Create());
        foreach (var e in History()) kpis.Observe(e);

        var month = kpis.Of(null, null);
        var quarter = kpis.Of(null, null, ServiceKpis.RetentionDays);

        var lille = Assert.Single(month, v => v.SiteId == TestCatalog.LilleCentre);
        Assert.Equal((20L, (double?)50, (double?)400), (lille.Responses, lille.FirstContactResolutionRate, lille.MeanHandlingSeconds)); // the last 30 days
        Assert.Equal(6, Assert.Single(month, v => v.SiteId == TestCatalog.ParisOpera).Responses); // its own last 30 days, 50 days before Lille's
        Assert.Equal((60L, (double?)83.3), quarter.Where(v => v.SiteId == TestCatalog.LilleCentre).Select(v => (v.Responses, v.FirstContactResolutionRate)).Single()); // not the 5 of 120 days before
        Assert.Equal(20, Assert.Single(kpis.Of(null, TestCatalog.LilleCentre, days: 11)).Responses);
        Assert.Equal(1, Assert.Single(kpis.Of(null, TestCatalog.LilleCentre, days: 1)).Responses); // its newest day only
        Assert.Throws<ArgumentOutOfRangeException>(() => kpis.Of(null, null, ServiceKpis.RetentionDays + 1));
    }

    [Fact]
    public void The_order_feedback_comes_in_and_a_snapshot_round_trip_change_no_view()
    {
        var history = History();
        var inOrder = new ServiceKpis(TestCatalog.Create());
        foreach (var e in history) inOrder.Observe(e);
        var shuffled = new ServiceKpis(TestCatalog.Create());
        var rnd = new Random(7);
        foreach (var e in history.OrderBy(_ => rnd.Next())) shuffled.Observe(e);
        var restored = new ServiceKpis(TestCatalog.Create());
        restored.Restore(EngineSnapshotJson.RoundTrip(inOrder.Capture()));

        foreach (var days in new[] { 1, 11, 30, 90 })
        {
            Assert.Equal(inOrder.Of(null, null, days), shuffled.Of(null, null, days));
            Assert.Equal(inOrder.Of(null, null, days), restored.Of(null, null, days));
        }
    }
}
