using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Complaints;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Listening;
using static StreamCx.Domain.Tests.Complaints.ComplaintScenario;

namespace StreamCx.Domain.Tests.Complaints;

/// <summary>The <c>internal</c> factor: negative staff reports on an attribute surging at a site, tested on counts like complaints.</summary>
public sealed class InternalReportSurgeTests
{
    private static InternalReport Report(Complaint c, double sentiment, string? topic = null) =>
        new(c.EventId, c.OccurredAt, "driver", sentiment) { SiteId = c.SiteId, AttributeId = topic is null ? "waiting-time" : null, Topic = topic, Text = "…" };

    private static List<Alert> Run(IEnumerable<ListeningEvent> events)
    {
        var processor = new ListeningProcessor(Catalog, new(), new FakeTimeProvider(Start));
        return events.OrderBy(e => e.OccurredAt.UtcTicks).ThenBy(e => e.EventId, StringComparer.Ordinal).SelectMany(processor.Apply).ToList();
    }

    [Fact]
    public void Negative_reports_on_an_attribute_that_triple_at_one_site_raise_the_internal_factor_under_that_attribute()
    {
        var alerts = Run(Background().Concat(Burst()).Select(c => Report(c, -0.5)));

        var opened = Assert.Single(alerts, a => a.Status == AlertStatus.Open);
        Assert.Equal((Surging, "waiting-time"), (opened.SiteId, opened.AttributeId));
        var factor = Assert.IsType<InternalFactor>(Assert.Single(opened.Factors));
        Assert.Equal(("waiting-time", (string?)null), (factor.AttributeId, factor.Topic));
        Assert.StartsWith("Negative staff reports on Waiting time at Site 0 surged", opened.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_on_a_free_topic_alert_under_internal_and_positive_reports_count_for_nothing()
    {
        var onTopic = Run(Background().Concat(Burst()).Select(c => Report(c, -0.5, topic: "parking")));
        var positive = Run(Background().Concat(Burst()).Select(c => Report(c, 0.4)));

        var opened = Assert.Single(onTopic, a => a.Status == AlertStatus.Open);
        Assert.Equal(("internal", "parking"), (opened.AttributeId, Assert.IsType<InternalFactor>(opened.Factors[0]).Topic));
        Assert.Empty(positive);
    }

    [Fact]
    public void The_staff_reports_board_names_attributes_by_their_label_and_topics_as_given_by_role()
    {
        var processor = new ListeningProcessor(Catalog, new(), new FakeTimeProvider(Start));
        var reports = Burst().Take(3).Select(c => Report(c, -0.5)).Concat(Burst().Skip(3).Take(2).Select(c => Report(c, -0.5, topic: "<b>parking</b>")));
        foreach (var r in reports) processor.Apply(r);

        var board = ComplaintBoard.Of([.. processor.Internal.SitesOf(null, Surging)], null, 7, new InternalReportWording(Catalog).Describe);

        Assert.Equal(
            [("waiting-time", "Waiting time", true, (string?)"waiting-time", 3L), ("topic:<b>parking</b>", "<b>parking</b>", false, null, 2L)],
            board.Reasons.Select(r => (r.ReasonId, r.Label, r.Catalogued, r.AttributeId, r.Count)));
        Assert.Equal(new Dictionary<string, long> { ["driver"] = 3 }, board.Reasons[0].ByChannel);
    }
}
