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
}
