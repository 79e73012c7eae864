using System.Text.Json.Nodes;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Tests.TestSupport;
using static StreamCx.Domain.Tests.TestSupport.Parsing;

namespace StreamCx.Domain.Tests.Ingestion;

/// <summary>Objects whose fields are missing, ill-typed, out of scale, unknown or too long.</summary>
public sealed class FeedbackParserFieldTests
{
    public static TheoryData<string> RequiredFields => new() { "eventId", "siteId", "occurredAt", "channel" };

    [Theory]
    [MemberData(nameof(RequiredFields))]
    public void Absent_required_field_is_rejected_as_missing_by_name(string field)
    {
        var obj = FeedbackJson.Minimal();
        obj.Remove(field);

        AssertRejected(Parse(FeedbackJson.Bytes(obj)), RejectionReason.MissingField, $"'{field}'");
    }

    [Theory]
    [MemberData(nameof(RequiredFields))]
    public void Null_required_field_is_rejected_as_missing_by_name(string field)
    {
        AssertRejected(Parse(FeedbackJson.WithRawField(field, "null")), RejectionReason.MissingField, $"'{field}'");
    }

    [Theory]
    [MemberData(nameof(RequiredFields))]
    public void Empty_or_blank_required_field_is_rejected_as_missing_by_name(string field)
    {
        AssertRejected(Parse(FeedbackJson.WithRawField(field, "\"\"")), RejectionReason.MissingField, $"'{field}'");
        AssertRejected(Parse(FeedbackJson.WithRawField(field, "\"  \\t \"")), RejectionReason.MissingField, $"'{field}'");
    }

    [Fact]
    public void Empty_object_is_rejected_as_missing_event_id()
    {
        AssertRejected(Parse("{}"), RejectionReason.MissingField, "'eventId'");
    }

    [Theory]
    [InlineData("nps", "\"5\"", "a string")]
    [InlineData("nps", "5.5", "non-integer")]
    [InlineData("nps", "3000000000", "too large")]
    [InlineData("nps", "[5]", "an array")]
    [InlineData("csat", "true", "a boolean")]
    [InlineData("csat", "{}", "an object")]
    [InlineData("ces", "false", "a boolean")]
    [InlineData("ces", "\"high\"", "a string")]
    [InlineData("eventId", "42", "must be a string")]
    [InlineData("siteId", "[\"store-lille-centre\"]", "an array")]
    [InlineData("channel", "{\"name\":\"web\"}", "an object")]
    [InlineData("occurredAt", "1772366400", "must be a string")]
    [InlineData("occurredAt", "{\"iso\":\"2026-03-01T09:30:00Z\"}", "an object")]
    [InlineData("comment", "12", "must be a string")]
    [InlineData("language", "true", "a boolean")]
    [InlineData("touchpoint", "[]", "an array")]
    [InlineData("customerId", "7", "must be a string")]
    [InlineData("journeyId", "{}", "an object")]
    [InlineData("ratings", "[]", "an array")]
    [InlineData("ratings", "[{\"waiting-time\":3}]", "an array")]
    [InlineData("ratings", "\"waiting-time=3\"", "a string")]
    [InlineData("ratings", "4", "must be an object")]
    public void Field_of_the_wrong_type_is_rejected_naming_the_field_and_what_it_got(string field, string rawValue, string got)
    {
        AssertRejected(Parse(FeedbackJson.WithRawField(field, rawValue)), RejectionReason.InvalidField, $"'{field}'", got);
    }

    [Theory]
    [InlineData("\"4\"", "a string")]
    [InlineData("true", "a boolean")]
    [InlineData("null", "null")]
    [InlineData("[4]", "an array")]
    [InlineData("{\"value\":4}", "an object")]
    [InlineData("[[[[[[4]]]]]]", "an array")]
    public void Rating_that_is_not_a_number_is_rejected_naming_the_attribute(string rawValue, string got)
    {
        AssertRejected(Parse(FeedbackJson.WithRawField("ratings", $"{{\"waiting-time\":{rawValue}}}")),
            RejectionReason.InvalidField, "rating 'waiting-time'", "must be a number", got);
    }

    [Theory]
    [InlineData("nps", 11, "0 to 10")]
    [InlineData("nps", -1, "0 to 10")]
    [InlineData("nps", 100, "0 to 10")]
    [InlineData("csat", 0, "1 to 5")]
    [InlineData("csat", 6, "1 to 5")]
    [InlineData("ces", 0, "1 to 7")]
    [InlineData("ces", 8, "1 to 7")]
    public void Headline_score_outside_its_scale_is_rejected_with_field_scale_and_value(string field, int value, string scale)
    {
        AssertRejected(Parse(FeedbackJson.WithRawField(field, value.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            RejectionReason.OutOfScale, $"'{field}'", scale, $"got {value}");
    }

    [Theory]
    [InlineData(TestCatalog.WaitingTime, "6", "from 1 to 5", "got 6")]
    [InlineData(TestCatalog.WaitingTime, "0", "from 1 to 5", "got 0")]
    [InlineData(TestCatalog.WaitingTime, "0.99", "from 1 to 5", "got 0.99")]
    [InlineData(TestCatalog.WaitingTime, "5.0001", "from 1 to 5", "got 5.0001")]
    [InlineData(TestCatalog.WaitingTime, "-3", "from 1 to 5", "got -3")]
    [InlineData(TestCatalog.Cleanliness, "11", "from 0 to 10", "got 11")]
    [InlineData(TestCatalog.EaseOfReturn, "8", "from 1 to 7", "got 8")]
    public void Rating_outside_its_attribute_scale_is_rejected_with_attribute_scale_and_value(string attribute, string raw, string scale, string got)
    {
        AssertRejected(Parse(FeedbackJson.WithRawField("ratings", $"{{\"{attribute}\":{raw}}}")),
            RejectionReason.OutOfScale, $"'{attribute}'", scale, got);
    }

    [Fact]
    public void Rating_too_large_for_a_double_is_rejected()
    {
        var outcome = Parse(FeedbackJson.WithRawField("ratings", "{\"waiting-time\":1e400}"));

        Assert.Null(outcome.Event);
        Assert.Contains("waiting-time", outcome.Rejection!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_site_is_rejected_naming_the_site()
    {
        AssertRejected(Parse(FeedbackJson.Bytes(FeedbackJson.Minimal(siteId: "store-atlantis"))), RejectionReason.UnknownSite, "'store-atlantis'");
    }

    [Fact]
    public void Site_ids_are_case_sensitive()
    {
        AssertRejected(Parse(FeedbackJson.Bytes(FeedbackJson.Minimal(siteId: "STORE-LILLE-CENTRE"))), RejectionReason.UnknownSite, "'STORE-LILLE-CENTRE'");
    }

    [Fact]
    public void Unknown_attribute_is_rejected_naming_the_attribute()
    {
        AssertRejected(Parse(FeedbackJson.WithRawField("ratings", "{\"waiting-time\":3,\"mood\":4}")), RejectionReason.UnknownAttribute, "'mood'");
    }

    [Fact]
    public void Event_without_any_score_is_rejected_as_no_scores()
    {
        var obj = FeedbackJson.Minimal();
        obj.Remove("nps");
        obj["comment"] = "only words";

        AssertRejected(Parse(FeedbackJson.Bytes(obj)), RejectionReason.NoScores, "nps", "csat", "ces", "ratings");
    }

    [Fact]
    public void Null_scores_and_empty_ratings_are_no_scores()
    {
        var obj = FeedbackJson.Minimal();
        obj["nps"] = null;
        obj["csat"] = null;
        obj["ces"] = null;
        obj["ratings"] = new JsonObject();

        AssertRejected(Parse(FeedbackJson.Bytes(obj)), RejectionReason.NoScores);
    }

    [Theory]
    [InlineData("nps", "5")]
    [InlineData("eventId", "\"evt-2\"")]
    [InlineData("siteId", "\"store-roubaix\"")]
    [InlineData("occurredAt", "\"2026-03-01T10:00:00Z\"")]
    [InlineData("ratings", "{\"waiting-time\":3}")]
    public void Duplicate_property_name_is_rejected_naming_it(string field, string secondValue)
    {
        var obj = FeedbackJson.Minimal();
        if (field == "ratings") obj["ratings"] = new JsonObject { ["cleanliness"] = 5 };
        var text = FeedbackJson.Text(obj);
        var json = string.Concat(text.AsSpan(0, text.Length - 1), $",\"{field}\":{secondValue}}}");

        AssertRejected(Parse(json), RejectionReason.InvalidField, $"'{field}'", "twice");
    }

    [Fact]
    public void Duplicate_attribute_in_ratings_is_rejected_naming_it()
    {
        AssertRejected(Parse(FeedbackJson.WithRawField("ratings", "{\"waiting-time\":3,\"waiting-time\":4}")),
            RejectionReason.InvalidField, "'waiting-time'", "twice");
    }

    [Fact]
    public void Property_names_are_compared_after_unescaping()
    {
        AssertRejected(Parse(FeedbackJson.WithRawField("n\\u0070s", "5")), RejectionReason.InvalidField, "'nps'", "twice");
        AssertRejected(Parse(FeedbackJson.WithRawField("ratings", "{\"waiting-time\":3,\"waiting\\u002dtime\":4}")),
            RejectionReason.InvalidField, "'waiting-time'", "twice");
    }

    [Fact]
    public void More_ratings_than_the_limit_are_rejected()
    {
        var limits = new ParserLimits { MaxRatings = 2 };
        var three = FeedbackJson.WithRatings("r", TestCatalog.LilleCentre, FeedbackJson.Now,
            (TestCatalog.WaitingTime, 3), (TestCatalog.StaffCourtesy, 3), (TestCatalog.Cleanliness, 3));
        var two = FeedbackJson.WithRatings("r", TestCatalog.LilleCentre, FeedbackJson.Now,
            (TestCatalog.WaitingTime, 3), (TestCatalog.StaffCourtesy, 3));

        AssertRejected(Parser(limits).Parse(FeedbackJson.Bytes(three)), RejectionReason.InvalidField, "more than 2 ratings");
        Assert.True(Parser(limits).Parse(FeedbackJson.Bytes(two)).IsValid);
    }

    [Theory]
    [InlineData("eventId", "200")]
    [InlineData("siteId", "200")]
    [InlineData("customerId", "200")]
    [InlineData("journeyId", "200")]
    [InlineData("channel", "100")]
    [InlineData("touchpoint", "100")]
    [InlineData("language", "100")]
    [InlineData("occurredAt", "100")]
    [InlineData("comment", "4000")]
    public void Hundred_thousand_character_string_is_rejected_with_its_length_and_the_limit(string field, string limit)
    {
        var obj = FeedbackJson.Minimal();
        obj[field] = new string('x', 100_000);

        var rejection = AssertRejected(Parse(FeedbackJson.Bytes(obj)), RejectionReason.InvalidField, $"'{field}'", "100000 characters", $"limit is {limit}");
        Assert.True(rejection.Message.Length < 300, $"message is {rejection.Message.Length} characters");
    }

    [Fact]
    public void Text_one_character_over_its_limit_is_rejected()
    {
        var obj = FeedbackJson.Minimal(new string('e', 201));

        AssertRejected(Parse(FeedbackJson.Bytes(obj)), RejectionReason.InvalidField, "'eventId'", "201 characters");
    }

    [Fact]
    public void Hundred_thousand_character_unknown_field_is_ignored()
    {
        var obj = FeedbackJson.Minimal("big-unknown");
        obj["attachment"] = new string('x', 100_000);
        obj[new string('k', 100_000)] = 1;

        Assert.Equal("big-unknown", AssertValid(Parse(FeedbackJson.Bytes(obj))).EventId);
    }

    [Fact]
    public void Hundred_thousand_character_attribute_id_is_rejected_with_a_shortened_message()
    {
        var longId = new string('a', 100_000);

        var rejection = AssertRejected(Parse(FeedbackJson.WithRawField("ratings", $"{{\"{longId}\":3}}")), RejectionReason.UnknownAttribute, "aaaa", "…");
        Assert.True(rejection.Message.Length < 300, $"message is {rejection.Message.Length} characters");
    }

    [Theory]
    [InlineData("comment", "\"abc\\ud800\"")]
    [InlineData("eventId", "\"evt-\\udc00\"")]
    [InlineData("siteId", "\"\\ud800store\"")]
    [InlineData("ratings", "{\"\\ud800\":3}")]
    [InlineData("x\\udc00", "1")]
    public void Escaped_lone_surrogate_does_not_throw(string field, string raw)
    {
        // "\ud800" is well-formed JSON escape syntax but encodes no character: Utf8JsonReader.GetString() throws
        // InvalidOperationException on it, which the parser must turn into a rejection like any other bad input.
        var bytes = FeedbackJson.WithRawField(field, raw);

        var outcome = Parse(bytes);

        Assert.True(outcome.Event is null ^ outcome.Rejection is null);
    }
}
