using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Incidents;
using StreamCx.Domain.Processing;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Domain.Tests.Incidents;

/// <summary>
/// The correlation between incident types and attributes, measured per region on its sites' days, and the incidents a site
/// alert cites by it where the catalog does not tie the type to the attribute.
/// </summary>
public sealed class IncidentCorrelationTests
{
    private static readonly DateTimeOffset Start = new(2026, 2, 2, 0, 0, 0, TimeSpan.Zero);
    private const int Days = 28;
    private const string TruckLate = "truck-late"; // not in the catalog: only the measure can tie it to an attribute

    private static readonly ReferenceCatalog Catalog = new(
        Enumerable.Range(0, 6).Select(i => new Site($"s{i}", $"Site {i}", "north")).Append(new Site("p0", "Paris", "paris")),
        [new AttributeDefinition("delivery", "Delivery", 1, 5, 2), new AttributeDefinition("cleanliness", "Cleanliness", 1, 5, 2)])
    {
        Listening = new ListeningCatalog([], [new IncidentType("delivery-delay", "Delivery delay", ["delivery"], "minutes late")], [], []),
    };

    /// <summary>
    /// 28 days × 6 sites of <paramref name="type"/> incidents and feedback, in event order: on about a third of the days a site
    /// has one to three incidents in the morning; <paramref name="linked"/>: its delivery ratings are then poor that day.
    /// </summary>
    private static List<(DateTimeOffset At, object Message)> History(bool linked, int seed, string type = "delivery-delay")
    {
        var rnd = new Random(seed);
        var messages = new List<(DateTimeOffset, object)>();
        var n = 0;
        for (var day = 0; day < Days; day++)
            for (var s = 0; s < 6; s++)
            {
                var at = Start.AddDays(day).AddHours(8);
                var incidents = rnd.NextDouble() < 0.33 ? rnd.Next(1, 4) : 0;
                for (var i = 0; i < incidents; i++) messages.Add((at.AddMinutes(i), new Incident($"i{n++}", at.AddMinutes(i), type) { SiteId = $"s{s}", Magnitude = 60 }));
                var poorShare = linked && incidents > 0 ? 0.45 : 0.1;
                for (var r = 0; r < 20; r++)
                {
                    var ratings = new Dictionary<string, double>
                    {
                        ["delivery"] = rnd.NextDouble() < poorShare ? 1 : 4,
                        ["cleanliness"] = rnd.NextDouble() < 0.1 ? 2 : 5,
                    };
                    messages.Add((at.AddHours(1).AddMinutes(r * 20), new FeedbackEvent($"f{n++}", at.AddHours(1).AddMinutes(r * 20), $"s{s}", "web", ratings)));
                }
            }
        return messages;
    }

    /// <summary>
    /// After the history, at site s0: delivery rated 4, 12 an hour, from midnight; three <see cref="TruckLate"/> incidents
    /// from 06:00; delivery rated 1 from 10:00 until 20:00.
    /// </summary>
    private static List<(DateTimeOffset At, object Message)> Fall()
    {
        var day = Start.AddDays(Days);
        var messages = new List<(DateTimeOffset, object)>();
        for (var k = 0; k < 3; k++) messages.Add((day.AddHours(6 + k), new Incident($"fall-{k}", day.AddHours(6 + k), TruckLate) { SiteId = "s0", Magnitude = 45 }));
        for (var m = 0; m < 20 * 60; m += 5)
            messages.Add((day.AddMinutes(m), new FeedbackEvent($"fall-f{m}", day.AddMinutes(m), "s0", "web", new Dictionary<string, double> { ["delivery"] = m < 600 ? 4 : 1 })));
        return messages;
    }

    private static FeedbackProcessor NewProcessor() => new(Catalog, new DetectionSettings(), new FakeTimeProvider(Start.AddDays(60)));

    /// <summary>The messages in event order (incidents before the feedback of the same instant, as replay merges them); the alert lines.</summary>
    private static List<string> Apply(FeedbackProcessor processor, IEnumerable<(DateTimeOffset At, object Message)> messages)
    {
        var lines = new List<string>();
        foreach (var (_, message) in messages.OrderBy(m => m.At).ThenBy(m => m.Message is FeedbackEvent))
        {
            if (message is Incident i) processor.AddIncident(i);
            else lines.AddRange(processor.Process((FeedbackEvent)message).Select(ContractJson.Serialize));
        }
        return lines;
    }

    private static IReadOnlyList<IncidentAttributeCorrelation> Measured(bool linked, int seed, string region = "north")
    {
        var processor = NewProcessor();
        Apply(processor, History(linked, seed));
        return processor.Correlation(region, SiteDays.DayOf(Start.AddDays(Days - 1)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Delivery_delays_followed_by_poor_delivery_ratings_correlate_positively_and_only_with_delivery(int seed)
    {
        var measured = Measured(linked: true, seed);

        var delivery = Assert.Single(measured, c => c.AttributeId == "delivery");
        Assert.True(delivery.Correlation > 0.5 && delivery.Bears, $"{delivery}");
        Assert.True(delivery.Catalogued);
        Assert.Equal(Days * 6, delivery.SiteDays);
        var cleanliness = Assert.Single(measured, c => c.AttributeId == "cleanliness");
        Assert.InRange(cleanliness.Correlation, -0.2, 0.2);
        Assert.False(cleanliness.Bears);
        Assert.Empty(Measured(linked: true, seed, region: "paris"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void On_independent_data_the_correlation_is_near_zero(int seed)
    {
        var delivery = Assert.Single(Measured(linked: false, seed), c => c.AttributeId == "delivery");

        Assert.InRange(delivery.Correlation, -0.2, 0.2);
        Assert.False(delivery.Bears);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_fall_cites_the_incidents_of_a_type_the_region_s_days_tie_to_its_attribute_and_not_one_they_do_not(int seed)
    {
        Alert? FallAlert(bool linked)
        {
            var lines = Apply(NewProcessor(), History(linked, seed, TruckLate).Concat(Fall()));
            return lines.Select(l => ContractJson.DeserializeAlert(l)!)
                .FirstOrDefault(a => a.SiteId == "s0" && a.AttributeId == "delivery" && a.Status != AlertStatus.Resolved && a.RaisedAt >= Start.AddDays(Days).AddHours(10));
        }

        var tied = FallAlert(linked: true);
        var independent = FallAlert(linked: false);

        Assert.NotNull(tied);
        var cited = Assert.Single(tied.Incidents!);
        Assert.Equal((TruckLate, 3), (cited.IncidentType, cited.Count));
        Assert.True(cited.MeasuredCorrelation > IncidentCorrelation.MinBearing, $"{cited}");
        Assert.Contains("3 truck-late incidents since 06:00 UTC, 45 in magnitude on average (they go with it here: measured correlation", tied.Explanation, StringComparison.Ordinal);
        Assert.NotNull(independent);
        Assert.Null(independent.Incidents);
    }

    [Fact]
    public void A_region_shows_what_its_sites_cite_by_the_closed_days_through_the_day_before_the_newest()
    {
        var processor = NewProcessor();
        Apply(processor, History(linked: true, seed: 5, TruckLate).Concat(Fall()));
        var rows = Catalog.SitesIn("north").SelectMany(s => processor.Site(s.SiteId)?.Days.Capture(s.SiteId) ?? []).ToArray();

        var (through, shown) = IncidentCorrelation.OfRegion(Catalog.Listening, rows)!.Value;

        Assert.Equal(SiteDays.DayOf(Start.AddDays(Days - 1)), through); // the fall's day is the newest: not closed
        Assert.Equal(processor.Correlation("north", through), shown);
        Assert.Contains(shown, c => c is { IncidentType: TruckLate, AttributeId: "delivery", Bears: true, Catalogued: false });
        Assert.Null(IncidentCorrelation.OfRegion(Catalog.Listening, []));
    }

    [Fact]
    public void Incidents_all_ahead_of_the_feedback_are_measured_and_cited_as_in_event_order()
    {
        var messages = History(linked: true, seed: 4, TruckLate).Concat(Fall()).ToList();
        var inOrder = Apply(NewProcessor(), messages);

        var ahead = NewProcessor();
        foreach (var incident in messages.Select(m => m.Message).OfType<Incident>().Reverse()) ahead.AddIncident(incident);
        var aheadLines = Apply(ahead, messages.Where(m => m.Message is FeedbackEvent));

        Assert.Contains(inOrder, l => l.Contains("\"measuredCorrelation\":", StringComparison.Ordinal));
        Assert.Equal(inOrder, aheadLines);
    }
}
