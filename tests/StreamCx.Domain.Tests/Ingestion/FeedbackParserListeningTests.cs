using System.Text.Json.Nodes;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Tests.TestSupport;
using static StreamCx.Domain.Tests.TestSupport.Parsing;

namespace StreamCx.Domain.Tests.Ingestion;

/// <summary>The listening sources: <c>complaint</c>, <c>incident</c>, <c>internal-report</c>, <c>social-mention</c> (valid messages).</summary>
public sealed class FeedbackParserListeningTests
{
    internal static ParseOutcome Parse(JsonObject o) => Parsing.Parse(FeedbackJson.Bytes(o));

    internal static T AssertListening<T>(ParseOutcome outcome) where T : ListeningEvent
    {
        Assert.True(outcome.Rejection is null, $"expected a valid message, got {outcome.Rejection}");
        Assert.True(outcome.IsValid);
        Assert.Null(outcome.Event);
        Assert.Null(outcome.Signal);
        return Assert.IsType<T>(outcome.Listening);
    }

    [Fact]
    public void Complaint_is_parsed_with_its_optional_fields()
    {
        var o = ListeningJson.Complaint();
        o["customerId"] = "cus-1";
        o["journeyId"] = "jrn-1";
        o["text"] = "45 minutes at the counter";

        var c = AssertListening<Complaint>(Parse(o));

        Assert.Equal(("cmp-1", TestCatalog.LilleCentre, "phone", "long-wait"), (c.EventId, c.SiteId, c.Channel, c.ReasonId));
        Assert.Equal(("cus-1", "jrn-1", "45 minutes at the counter"), (c.CustomerId, c.JourneyId, c.Text));
        Assert.Equal(FeedbackJson.Now.AddHours(-1), c.OccurredAt);
        Assert.Equal((CatalogFlags.None, "complaint"), (c.Flags, c.Type));
    }

    [Fact]
    public void Incident_is_parsed_with_magnitude_end_and_text()
    {
        var o = ListeningJson.Incident();
        o["magnitude"] = 95;
        o["endedAt"] = FeedbackJson.Iso(FeedbackJson.Now.AddMinutes(-20));
        o["text"] = "Truck stuck on the A1";

        var i = AssertListening<Incident>(Parse(o));

        Assert.Equal(("delivery-delay", 95.0, "Truck stuck on the A1"), (i.IncidentType, i.Magnitude, i.Text));
        Assert.Equal(FeedbackJson.Now.AddMinutes(-20), i.EndedAt);
        Assert.Equal(CatalogFlags.None, i.Flags);
    }

    [Fact]
    public void Internal_report_on_an_attribute_or_on_a_topic_is_parsed()
    {
        var onTopic = ListeningJson.InternalReport();
        onTopic.Remove("attributeId");
        onTopic["topic"] = "parking";

        var r = AssertListening<InternalReport>(Parse(ListeningJson.InternalReport()));
        var t = AssertListening<InternalReport>(Parse(onTopic));

        Assert.Equal(("driver", TestCatalog.WaitingTime, (string?)null, -0.6), (r.ReporterRole, r.AttributeId, r.Topic, r.Sentiment));
        Assert.Equal((null, "parking"), (t.AttributeId, t.Topic));
    }

    [Fact]
    public void Social_mention_without_a_site_is_brand_wide_and_with_one_names_it()
    {
        var atSite = ListeningJson.SocialMention();
        atSite["siteId"] = TestCatalog.ParisOpera;

        var brand = AssertListening<SocialMention>(Parse(ListeningJson.SocialMention()));
        var site = AssertListening<SocialMention>(Parse(atSite));

        Assert.Null(brand.SiteId);
        Assert.Equal(("x", -0.8, 1200L, "https://x.example/status/1"), (brand.Platform, brand.Sentiment, brand.Reach, brand.Url));
        Assert.Equal(TestCatalog.ParisOpera, site.SiteId);
    }

    [Theory]
    [InlineData("complaint", "reason", "price-hike", CatalogFlags.UnknownReason)]
    [InlineData("incident", "incidentType", "flood", CatalogFlags.UnknownIncidentType)]
    [InlineData("internal-report", "reporterRole", "security-guard", CatalogFlags.UnknownReporterRole)]
    [InlineData("social-mention", "platform", "mastodon", CatalogFlags.UnknownPlatform)]
    public void Uncatalogued_value_is_kept_as_given_and_flagged_not_rejected(string type, string field, string value, CatalogFlags flag)
    {
        var o = ListeningJson.Of(type);
        o[field] = value;

        var outcome = Parse(o);

        Assert.True(outcome.IsValid, $"{outcome.Rejection}");
        var l = outcome.Listening!;
        Assert.Equal(flag, l.Flags);
        var kept = l switch
        {
            Complaint c => c.ReasonId,
            Incident i => i.IncidentType,
            InternalReport r => r.ReporterRole,
            SocialMention s => s.Platform,
            _ => null,
        };
        Assert.Equal(value, kept);
    }

    [Fact]
    public void Without_listening_catalogs_every_value_is_flagged()
    {
        var parser = new FeedbackParser(new Domain.ReferenceData.ReferenceCatalog(TestCatalog.Sites, TestCatalog.Attributes), new ParserLimits(),
            new Microsoft.Extensions.Time.Testing.FakeTimeProvider(FeedbackJson.Now));

        var flags = new[] { "complaint", "incident", "internal-report", "social-mention" }
            .Select(t => parser.Parse(FeedbackJson.Bytes(ListeningJson.Of(t))).Listening!.Flags);

        Assert.Equal([CatalogFlags.UnknownReason, CatalogFlags.UnknownIncidentType, CatalogFlags.UnknownReporterRole, CatalogFlags.UnknownPlatform], flags);
    }

    [Fact]
    public void Hostile_text_is_kept_verbatim_as_data()
    {
        const string hostile = "<script>alert('x')</script><img src=x onerror=alert(1)> \u202e\u0000 ' OR 1=1 --";
        var o = ListeningJson.SocialMention();
        o["text"] = hostile;

        Assert.Equal(hostile, AssertListening<SocialMention>(Parse(o)).Text);
    }

    [Fact]
    public void Feedback_carries_the_unit_and_the_service_figures()
    {
        var o = FeedbackJson.Minimal();
        o["unitId"] = "agent-042";
        o["handlingSeconds"] = 312.5;
        o["firstContactResolution"] = false;
        o["contactCount"] = 3;

        var e = AssertValid(Parse(o));

        Assert.Equal(("agent-042", 312.5, (bool?)false, (int?)3), (e.UnitId, e.HandlingSeconds, e.FirstContactResolution, e.ContactCount));
    }

    [Fact]
    public void Feedback_without_the_service_fields_has_none()
    {
        var e = AssertValid(Parse(FeedbackJson.Minimal()));

        Assert.Equal((null, null, null, null), (e.UnitId, e.HandlingSeconds, e.FirstContactResolution, e.ContactCount));
    }
}
