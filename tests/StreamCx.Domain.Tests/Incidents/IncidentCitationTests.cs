using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Incidents;
using StreamCx.Domain.Listening;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Snapshots;
using StreamCx.Domain.Tests.Complaints;
using StreamCx.Domain.Tests.Social;

namespace StreamCx.Domain.Tests.Incidents;

/// <summary>Incidents kept per site and cited by the alerts of that site that they bear on.</summary>
public sealed class IncidentCitationTests
{
    private static readonly ReferenceCatalog Catalog = new(ComplaintScenario.Catalog.Sites, ComplaintScenario.Catalog.Attributes)
    {
        Listening = new ListeningCatalog(
            [new ComplaintReason("long-wait", "Long wait", "waiting-time")],
            [new IncidentType("absenteeism", "Absenteeism", ["waiting-time"], "people absent"), new IncidentType("delivery-delay", "Delivery delay", ["delivery"], "minutes late")],
            [], []),
    };

    private static Incident At(string site, DateTimeOffset at, string id, string type, double? magnitude) =>
        new(id, at, type) { SiteId = site, Magnitude = magnitude };

    [Fact]
    public void A_complaint_surge_cites_the_incidents_bearing_on_its_attribute_with_their_count_time_and_mean_magnitude()
    {
        var surge = ComplaintScenario.SurgeStart;
        var incidents = new ListeningEvent[]
        {
            At(ComplaintScenario.Surging, surge.AddHours(-4), "abs-1", "absenteeism", 2),
            At(ComplaintScenario.Surging, surge.AddHours(-2), "abs-2", "absenteeism", 4),
            At(ComplaintScenario.Surging, surge.AddHours(-1), "late-1", "delivery-delay", 95), // bears on delivery, not on waiting time
            At("site-1", surge.AddHours(-1), "abs-other-site", "absenteeism", 9),
            At(ComplaintScenario.Surging, surge.AddDays(-3), "abs-old", "absenteeism", 1), // outside the day before
        };
        var processor = new ListeningProcessor(Catalog, new(), new FakeTimeProvider(surge));

        var alerts = ComplaintScenario.Ordered(ComplaintScenario.Background().Concat(ComplaintScenario.Burst()))
            .Cast<ListeningEvent>().Concat(incidents).OrderBy(e => e.OccurredAt.UtcTicks).ThenBy(e => e.EventId, StringComparer.Ordinal)
            .SelectMany(processor.Apply).ToList();

        var opened = Assert.Single(alerts, a => a.Status == AlertStatus.Open);
        var factor = Assert.IsType<ComplaintsFactor>(opened.Factors[0]);
        var cited = Assert.Single(factor.Incidents!);
        Assert.Equal(("absenteeism", 2, surge.AddHours(-4), (double?)3, "people absent"), (cited.IncidentType, cited.Count, cited.Since, cited.MeanMagnitude, cited.Unit));
        Assert.EndsWith($"Incidents at the site: 2 absenteeism incidents since {surge.AddHours(-4):HH:mm} UTC, 3 people absent on average.", opened.Explanation, StringComparison.Ordinal);
        Assert.Equal(5, processor.Incidents.Applied);
    }

    [Fact]
    public void Delivery_delays_are_cited_as_the_issue_words_it()
    {
        var book = new IncidentBook();
        var t = new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero);
        book.Add(At("s", t, "d1", "delivery-delay", 80));
        book.Add(At("s", t.AddMinutes(40), "d2", "delivery-delay", 110));
        book.Add(At("s", t.AddMinutes(70), "d3", "delivery-delay", 95));

        var evidence = IncidentCitation.For(book, Catalog.Listening, "delivery", t.AddHours(-1), t.AddHours(3));

        Assert.Equal(" Incidents at the site: 3 delivery-delay incidents since 14:00 UTC, 95 minutes late on average.", IncidentCitation.Sentence(evidence));
        Assert.Empty(IncidentCitation.For(book, Catalog.Listening, "waiting-time", t.AddHours(-1), t.AddHours(3)));
    }

    [Fact]
    public void A_social_acceleration_cites_the_site_s_incidents_of_any_type()
    {
        var processor = new ListeningProcessor(Catalog, new(), new FakeTimeProvider(SocialScenario.Start));
        var events = SocialScenario.Background().Cast<ListeningEvent>().Concat(SocialScenario.Burst(-0.8))
            .Append(At("site-0", SocialScenario.Onset.AddHours(-3), "late-1", "delivery-delay", 120));

        var opened = Assert.Single(SocialScenario.Ordered(events).SelectMany(processor.Apply), a => a.Status == AlertStatus.Open);

        Assert.Equal("delivery-delay", Assert.Single(Assert.IsType<SocialFactor>(opened.Factors[0]).Incidents!).IncidentType);
        Assert.Contains("1 delivery-delay incident since", opened.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_book_keeps_incidents_in_event_order_drops_duplicates_and_survives_its_json_snapshot()
    {
        var book = new IncidentBook();
        var t = new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero);
        Assert.True(book.Add(At("s", t.AddMinutes(30), "b", "breakdown", null)));
        Assert.True(book.Add(At("s", t, "a", "breakdown", 12)));
        Assert.False(book.Add(At("s", t, "a", "breakdown", 12)));
        Assert.True(book.Add(At("s", t.AddDays(8), "c", "stock-out", 3)));
        Assert.Equal(3, book.Incidents.Count); // kept until the owner says how far time has come
        book.ForgetBefore(book.Newest - IncidentBook.Retention); // the first two are older than the retention

        var json = JsonSerializer.Serialize(book.ToSnapshot());
        var restored = new IncidentBook();
        restored.Restore(JsonSerializer.Deserialize<IncidentBookSnapshot>(json)!);

        Assert.Equal(["c"], restored.Incidents.Select(i => i.EventId));
        Assert.False(restored.Add(At("s", t.AddDays(8), "c", "stock-out", 3)));
        Assert.Equal(json, JsonSerializer.Serialize(restored.ToSnapshot()));
    }
}
