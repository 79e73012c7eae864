using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Processing;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Tests.Scenarios;
using StreamCx.Domain.Tests.TestSupport;

namespace StreamCx.Domain.Tests.Detection.Seasonality;

/// <summary>
/// A new site borrows its region's daily shape (<see cref="DetectionSettings.BorrowRegionalDailyShape"/>): five sites have
/// learned a lunch dip on waiting time (12–14 h); a sixth opens on day 6 and expects the dip from its first day, and is not
/// blind in its learning days.
/// </summary>
public sealed class BorrowedDailyShapeTests
{
    private const string Attr = "waiting-time";
    private static readonly ReferenceCatalog Catalog = Feedback.Catalog([6], Attr);
    private const string NewSite = "r0-s5";
    private const int OpeningHour = 6 * 24;

    private static double Usual(double hour) => hour % 24 is >= 12 and < 14 ? 3.4 : 4.2;

    /// <summary>
    /// Ten days at 10 responses an hour; the new site from day 6 (at <paramref name="newSiteRate"/> an hour), with a fall of
    /// <paramref name="fall"/> from 10:00 on day 7 for 12 h.
    /// </summary>
    private static List<FeedbackEvent> Events(int seed, double fall, double newSiteRate = 10) => Feedback.Merge(Catalog.Sites.Select((s, i) => s.SiteId == NewSite
        ? Feedback.Stream(s.SiteId, TimeSpan.FromHours(4 * 24), newSiteRate, (_, h) => Usual(h) - (h is >= 34 and < 46 ? fall : 0), [Attr], (10 * seed) + i,
            from: Feedback.Start.AddHours(OpeningHour), sd: 0.9)
        : Feedback.Stream(s.SiteId, TimeSpan.FromHours(10 * 24), 10, (_, h) => Usual(h), [Attr], (10 * seed) + i, sd: 0.9)).ToArray()).ToList();

    private static List<Alert> AlertsAtTheNewSite(List<FeedbackEvent> events, DetectionSettings settings) =>
        Feedback.Run(Feedback.Processor(Catalog, settings), events).Where(a => a.SiteId == NewSite).ToList();

    [Fact]
    public void A_new_site_expects_its_regions_lunch_dip_from_its_first_day()
    {
        var events = Events(1, 0);
        var firstDay = events.TakeWhile(e => e.OccurredAt < Feedback.Start.AddHours(OpeningHour + 11)).ToList();
        var borrowing = Feedback.Processor(Catalog);
        Feedback.Run(borrowing, firstDay);
        var alone = Feedback.Processor(Catalog, new DetectionSettings { BorrowRegionalDailyShape = false });
        Feedback.Run(alone, firstDay);

        var lunch = (Feedback.Start.UtcTicks / TimeSpan.TicksPerHour) + OpeningHour + 12;
        var profile = borrowing.Monitor(NewSite, Attr)!.Profile;
        Assert.True(profile.Borrows(lunch));
        Assert.InRange(profile.Offset(lunch), -1.0, -0.5); // the dip of 0.8 below a level of about 4.1
        Assert.True(profile.IsLearned(lunch));
        Assert.False(alone.Monitor(NewSite, Attr)!.Profile.IsLearned(lunch));
        Assert.Equal(0, alone.Monitor(NewSite, Attr)!.Profile.Offset(lunch));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_lunch_dip_at_a_new_site_raises_nothing_in_its_first_days(int seed) =>
        Assert.Empty(AlertsAtTheNewSite(Events(seed, 0), new DetectionSettings()));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_fall_on_a_new_sites_second_day_is_found_within_hours_not_after_its_learning_days(int seed)
    {
        var events = Events(seed, 1.0);
        var onset = Feedback.Start.AddHours(OpeningHour + 34);
        var borrowing = AlertsAtTheNewSite(events, new DetectionSettings()).FirstOrDefault(a => a.RaisedAt >= onset);
        var alone = AlertsAtTheNewSite(events, new DetectionSettings { BorrowRegionalDailyShape = false }).FirstOrDefault(a => a.RaisedAt >= onset);

        Assert.NotNull(borrowing);
        var hours = (borrowing.RaisedAt - onset).TotalHours;
        var aloneHours = alone is null ? double.PositiveInfinity : (alone.RaisedAt - onset).TotalHours;
        Console.WriteLine($"seed {seed}: found after {hours:0.00} h borrowing, {aloneHours:0.00} h alone");
        Assert.True(hours <= 4, $"found after {hours:0.00} h");
        Assert.True(hours < aloneHours, $"borrowing {hours:0.00} h, alone {aloneHours:0.00} h");
    }

    [Fact]
    public void A_site_past_its_learning_days_keeps_to_what_it_learned_itself()
    {
        // a quiet new site (2 an hour: no hour of it ever holds the 5 responses a slot needs) borrows only in its first 3 days
        var processor = Feedback.Processor(Catalog);
        var events = Events(1, 0, newSiteRate: 2);
        var firstDays = Feedback.Processor(Catalog);
        Feedback.Run(firstDays, events.TakeWhile(e => e.OccurredAt < Feedback.Start.AddHours(OpeningHour + 36)));
        Feedback.Run(processor, events);
        var profile = processor.Monitor(NewSite, Attr)!.Profile;
        var opening = (Feedback.Start.UtcTicks / TimeSpan.TicksPerHour) + OpeningHour;
        Assert.Equal(0, profile.LearnedHours);
        Assert.True(firstDays.Monitor(NewSite, Attr)!.Profile.Borrows(opening + 36));
        Assert.All(Enumerable.Range(76, 20), h => Assert.False(profile.Borrows(opening + h)));
    }

    [Fact]
    public void A_restored_new_site_goes_on_borrowing_the_shape_it_had_read()
    {
        var events = Events(2, 1.0);
        var whole = Feedback.Run(Feedback.Processor(Catalog), events).Select(Line).ToList();

        // captured in the new site's second morning (borrowing), restored into a fresh processor with the region's other sites
        var cut = Feedback.Start.AddHours(OpeningHour + 30);
        var first = Feedback.Processor(Catalog);
        var before = Feedback.Run(first, events.Where(e => e.OccurredAt < cut)).Select(Line).ToList();
        var second = ProcessorRestart.Restarted(first, Catalog, () => Feedback.Processor(Catalog));
        var borrowed = first.Monitor(NewSite, Attr)!.Profile.RegionalDaily;
        Assert.Contains(borrowed, s => s is < -0.5);
        Assert.Equal(borrowed, second.Monitor(NewSite, Attr)!.Profile.RegionalDaily);
        var after = Feedback.Run(second, events.Where(e => e.OccurredAt >= cut)).Select(Line).ToList();

        Assert.Contains(whole, l => l.Contains(NewSite, StringComparison.Ordinal));
        Assert.Equal(whole, before.Concat(after));
    }

    private static string Line(Alert a) => ContractJson.Serialize(a with { EmittedAt = default });
}
