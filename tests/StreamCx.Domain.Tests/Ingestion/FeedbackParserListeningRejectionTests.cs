using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Tests.TestSupport;
using static StreamCx.Domain.Tests.TestSupport.Parsing;

namespace StreamCx.Domain.Tests.Ingestion;

/// <summary>Malformed and hostile listening messages and service fields: each rejected with a reason naming the field, never accepted.</summary>
public sealed class FeedbackParserListeningRejectionTests
{
    private static ParseOutcome Parse(System.Text.Json.Nodes.JsonObject o) => FeedbackParserListeningTests.Parse(o);

    public static TheoryData<string, string> Required => new()
    {
        { "complaint", "siteId" }, { "complaint", "channel" }, { "complaint", "reason" }, { "complaint", "occurredAt" }, { "complaint", "eventId" },
        { "incident", "siteId" }, { "incident", "incidentType" }, { "incident", "occurredAt" },
        { "internal-report", "siteId" }, { "internal-report", "reporterRole" }, { "internal-report", "sentiment" }, { "internal-report", "text" },
        { "social-mention", "platform" }, { "social-mention", "sentiment" }, { "social-mention", "reach" }, { "social-mention", "text" },
        { "social-mention", "url" }, { "social-mention", "occurredAt" },
    };

    [Theory]
    [MemberData(nameof(Required))]
    public void Absent_required_field_is_rejected_as_missing_by_name(string type, string field)
    {
        var o = ListeningJson.Of(type);
        o.Remove(field);

        var rejection = AssertRejected(Parse(o), RejectionReason.MissingField, $"'{field}'");
        Assert.Equal(type, rejection.MessageType);
    }

    [Theory]
    [InlineData("complaint", "reason")]
    [InlineData("incident", "incidentType")]
    [InlineData("social-mention", "platform")]
    [InlineData("internal-report", "reporterRole")]
    public void Blank_catalog_value_is_missing_not_uncatalogued(string type, string field)
    {
        var o = ListeningJson.Of(type);
        o[field] = "   ";

        AssertRejected(Parse(o), RejectionReason.MissingField, $"'{field}'");
    }

    [Fact]
    public void Internal_report_with_neither_attribute_nor_topic_is_rejected_naming_both()
    {
        var o = ListeningJson.InternalReport();
        o.Remove("attributeId");
        o["topic"] = "";

        AssertRejected(Parse(o), RejectionReason.MissingField, "'attributeId'", "'topic'");
    }

    [Fact]
    public void Internal_report_on_an_attribute_not_in_the_catalog_is_rejected()
    {
        var o = ListeningJson.InternalReport();
        o["attributeId"] = "parking-space";

        AssertRejected(Parse(o), RejectionReason.UnknownAttribute, "parking-space", "'topic'");
    }

    [Theory]
    [InlineData("complaint")]
    [InlineData("incident")]
    [InlineData("internal-report")]
    [InlineData("social-mention")]
    public void Unknown_site_is_rejected(string type)
    {
        var o = ListeningJson.Of(type);
        o["siteId"] = "store-atlantis";

        AssertRejected(Parse(o), RejectionReason.UnknownSite, "store-atlantis");
    }

    [Theory]
    [InlineData("internal-report", "sentiment", "1.5", RejectionReason.OutOfScale)]
    [InlineData("internal-report", "sentiment", "-1.01", RejectionReason.OutOfScale)]
    [InlineData("social-mention", "sentiment", "\"-0.5\"", RejectionReason.InvalidField)]
    [InlineData("social-mention", "sentiment", "1e400", RejectionReason.InvalidField)]
    [InlineData("social-mention", "reach", "-1", RejectionReason.OutOfScale)]
    [InlineData("social-mention", "reach", "12.5", RejectionReason.InvalidField)]
    [InlineData("social-mention", "reach", "100000000001", RejectionReason.OutOfScale)]
    [InlineData("social-mention", "reach", "99999999999999999999999", RejectionReason.InvalidField)]
    [InlineData("incident", "magnitude", "-5", RejectionReason.OutOfScale)]
    [InlineData("incident", "magnitude", "true", RejectionReason.InvalidField)]
    [InlineData("incident", "magnitude", "1e10", RejectionReason.OutOfScale)]
    public void Number_out_of_its_range_or_not_a_number_is_rejected_by_name(string type, string field, string raw, RejectionReason reason)
    {
        AssertRejected(Parsing.Parse(ListeningJson.WithRawField(type, field, raw)), reason, $"'{field}'");
    }

    [Theory]
    [InlineData("handlingSeconds", "-1", RejectionReason.OutOfScale)]
    [InlineData("handlingSeconds", "86401", RejectionReason.OutOfScale)]
    [InlineData("handlingSeconds", "\"300\"", RejectionReason.InvalidField)]
    [InlineData("contactCount", "0", RejectionReason.OutOfScale)]
    [InlineData("contactCount", "1001", RejectionReason.OutOfScale)]
    [InlineData("contactCount", "2.5", RejectionReason.InvalidField)]
    [InlineData("firstContactResolution", "\"yes\"", RejectionReason.InvalidField)]
    [InlineData("firstContactResolution", "1", RejectionReason.InvalidField)]
    [InlineData("unitId", "42", RejectionReason.InvalidField)]
    [InlineData("unitId", "{\"id\":\"a\"}", RejectionReason.InvalidField)]
    public void Ill_typed_or_out_of_range_service_field_is_rejected_by_name(string field, string raw, RejectionReason reason)
    {
        var rejection = AssertRejected(Parsing.Parse(FeedbackJson.WithRawField(field, raw)), reason, $"'{field}'");
        Assert.Null(rejection.MessageType); // refused while reading, before the message's type was established
    }

    [Fact]
    public void Unit_id_longer_than_the_id_limit_is_rejected()
    {
        var o = FeedbackJson.Minimal();
        o["unitId"] = new string('u', 201);

        AssertRejected(Parse(o), RejectionReason.InvalidField, "'unitId'", "200");
    }

    [Theory]
    [InlineData("complaint", "reason")]
    [InlineData("incident", "incidentType")]
    [InlineData("internal-report", "reporterRole")]
    [InlineData("internal-report", "topic")]
    [InlineData("social-mention", "platform")]
    public void Catalog_value_longer_than_the_label_limit_is_rejected(string type, string field)
    {
        var o = ListeningJson.Of(type);
        o[field] = new string('r', 101);

        AssertRejected(Parse(o), RejectionReason.InvalidField, $"'{field}'", "100");
    }

    [Theory]
    [InlineData("complaint")]
    [InlineData("incident")]
    [InlineData("internal-report")]
    [InlineData("social-mention")]
    public void Text_longer_than_the_comment_limit_is_rejected(string type)
    {
        var o = ListeningJson.Of(type);
        o["text"] = new string('t', 4001);

        AssertRejected(Parse(o), RejectionReason.InvalidField, "'text'", "4000");
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("/relative/path")]
    [InlineData("ftp://x.example/file")]
    [InlineData("https://x.example/a b")]
    [InlineData("https://x.example/\u0007")]
    public void Url_that_is_not_an_absolute_web_address_is_rejected(string url)
    {
        var o = ListeningJson.SocialMention();
        o["url"] = url;

        AssertRejected(Parse(o), RejectionReason.InvalidField, "'url'");
    }

    [Fact]
    public void Url_longer_than_its_limit_is_rejected()
    {
        var o = ListeningJson.SocialMention();
        o["url"] = "https://x.example/" + new string('a', 2000);

        AssertRejected(Parse(o), RejectionReason.InvalidField, "'url'", "2000");
    }

    [Theory]
    [InlineData("2026-03-01T10:00:00")]
    [InlineData("yesterday")]
    public void Ended_at_that_is_not_a_timestamp_with_an_offset_is_rejected(string endedAt)
    {
        var o = ListeningJson.Incident();
        o["endedAt"] = endedAt;

        AssertRejected(Parse(o), RejectionReason.InvalidField, "'endedAt'");
    }

    [Fact]
    public void Incident_ending_before_it_started_is_rejected()
    {
        var o = ListeningJson.Incident();
        o["endedAt"] = FeedbackJson.Iso(FeedbackJson.Now.AddHours(-2));

        AssertRejected(Parse(o), RejectionReason.InvalidField, "'endedAt'", "before occurredAt");
    }

    [Fact]
    public void Listening_message_with_a_future_timestamp_is_rejected_like_feedback()
    {
        var o = ListeningJson.Complaint();
        o["occurredAt"] = FeedbackJson.Iso(FeedbackJson.Now.AddHours(2));

        AssertRejected(Parse(o), RejectionReason.FutureTimestamp);
    }

    [Theory]
    [InlineData("complaint", "reason")]
    [InlineData("incident", "incidentType")]
    [InlineData("social-mention", "text")]
    [InlineData("social-mention", "url")]
    public void Field_repeated_is_rejected(string type, string field)
    {
        var text = FeedbackJson.Text(ListeningJson.Of(type));
        var twice = string.Concat(text.AsSpan(0, text.Length - 1), $",\"{field}\":\"again\"}}");

        AssertRejected(Parsing.Parse(twice), RejectionReason.InvalidField, $"'{field}'", "twice");
    }

    [Theory]
    [InlineData("complaint", "reason", "[\"long-wait\"]")]
    [InlineData("incident", "incidentType", "{}")]
    [InlineData("internal-report", "reporterRole", "7")]
    [InlineData("social-mention", "platform", "false")]
    [InlineData("social-mention", "url", "[]")]
    [InlineData("social-mention", "text", "{\"html\":\"<b>\"}")]
    [InlineData("incident", "endedAt", "1700000000")]
    public void Ill_typed_string_field_is_rejected_by_name(string type, string field, string raw)
    {
        AssertRejected(Parsing.Parse(ListeningJson.WithRawField(type, field, raw)), RejectionReason.InvalidField, $"'{field}'", "must be a string");
    }
}
