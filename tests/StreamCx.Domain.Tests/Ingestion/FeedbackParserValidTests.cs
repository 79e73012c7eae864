using System.Text;
using System.Text.Json.Nodes;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Tests.TestSupport;
using static StreamCx.Domain.Tests.TestSupport.Parsing;

namespace StreamCx.Domain.Tests.Ingestion;

public sealed class FeedbackParserValidTests
{
    [Fact]
    public void All_fields_are_read_into_the_event()
    {
        const string json = """
            {"eventId":"evt-42","occurredAt":"2026-02-28T09:30:15.250-05:00","siteId":"store-paris-opera","channel":"web",
             "touchpoint":"checkout","customerId":"cus-1","journeyId":"jrn-9","nps":7,"csat":4,"ces":6,
             "ratings":{"waiting-time":2,"cleanliness":7.5},"comment":"Long queue","language":"en"}
            """;

        var e = AssertValid(Parse(json));

        Assert.Equal("evt-42", e.EventId);
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 9, 30, 15, 250, TimeSpan.FromHours(-5)), e.OccurredAt);
        Assert.Equal(TimeSpan.FromHours(-5), e.OccurredAt.Offset);
        Assert.Equal("store-paris-opera", e.SiteId);
        Assert.Equal("web", e.Channel);
        Assert.Equal("checkout", e.Touchpoint);
        Assert.Equal("cus-1", e.CustomerId);
        Assert.Equal("jrn-9", e.JourneyId);
        Assert.Equal(7, e.Nps);
        Assert.Equal(4, e.Csat);
        Assert.Equal(6, e.Ces);
        Assert.Equal(2, e.Ratings.Count);
        Assert.Equal(2.0, e.Ratings["waiting-time"]);
        Assert.Equal(7.5, e.Ratings["cleanliness"]);
        Assert.Equal("Long queue", e.Comment);
        Assert.Equal("en", e.Language);
    }

    [Fact]
    public void Minimal_event_has_no_optional_values()
    {
        const string json = """{"eventId":"e","occurredAt":"2026-03-01T09:30:00Z","siteId":"store-lille-centre","channel":"store","csat":5}""";

        var e = AssertValid(Parse(json));

        Assert.Equal("e", e.EventId);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.Zero), e.OccurredAt);
        Assert.Equal(5, e.Csat);
        Assert.Null(e.Nps);
        Assert.Null(e.Ces);
        Assert.Empty(e.Ratings);
        Assert.Null(e.Touchpoint);
        Assert.Null(e.CustomerId);
        Assert.Null(e.JourneyId);
        Assert.Null(e.Comment);
        Assert.Null(e.Language);
    }

    [Fact]
    public void Ratings_alone_are_enough_scores()
    {
        var e = AssertValid(Parse(FeedbackJson.Bytes(FeedbackJson.WithRatings("e", TestCatalog.Roubaix, FeedbackJson.Now.AddMinutes(-5), (TestCatalog.EaseOfReturn, 6)))));

        Assert.Null(e.Nps);
        Assert.Equal(6.0, Assert.Single(e.Ratings, r => r.Key == TestCatalog.EaseOfReturn).Value);
    }

    [Fact]
    public void Ratings_keep_the_order_of_the_message()
    {
        const string json = """
            {"eventId":"e","occurredAt":"2026-03-01T09:30:00Z","siteId":"store-lille-centre","channel":"store",
             "ratings":{"staff-courtesy":4,"waiting-time":2,"cleanliness":7.5}}
            """;

        var e = AssertValid(Parse(json));

        Assert.Equal(["staff-courtesy", "waiting-time", "cleanliness"], e.Ratings.Select(r => r.Key));
        Assert.Equal([4, 2, 7.5], e.Ratings.Select(r => r.Value));
    }

    [Fact]
    public void An_empty_ratings_object_alone_is_no_score()
    {
        const string json = """{"eventId":"e","occurredAt":"2026-03-01T09:30:00Z","siteId":"store-lille-centre","channel":"store","ratings":{}}""";

        AssertRejected(Parse(json), RejectionReason.NoScores, "none of nps, csat, ces or ratings");
        Assert.Empty(AssertValid(Parse("""{"eventId":"e","occurredAt":"2026-03-01T09:30:00Z","siteId":"store-lille-centre","channel":"store","nps":3,"ratings":{}}""")).Ratings);
    }

    [Fact]
    public void Utf8_byte_order_mark_is_skipped()
    {
        var bytes = Encoding.UTF8.Preamble.ToArray().Concat(FeedbackJson.Bytes(FeedbackJson.Minimal("bom-1"))).ToArray();

        Assert.Equal("bom-1", AssertValid(Parse(bytes)).EventId);
    }

    [Fact]
    public void Unknown_extra_fields_of_any_shape_are_ignored()
    {
        var obj = FeedbackJson.Minimal("extra-1");
        obj["schemaVersion"] = 3;
        obj["metadata"] = new JsonObject { ["source"] = "kiosk", ["tags"] = new JsonArray("a", 1, null, new JsonObject()) };
        obj["flags"] = new JsonArray(true, false);
        obj["nothing"] = null;

        var e = AssertValid(Parse(FeedbackJson.Bytes(obj)));

        Assert.Equal("extra-1", e.EventId);
        Assert.Equal(9, e.Nps);
    }

    [Fact]
    public void Null_optional_fields_read_as_absent()
    {
        const string json = """
            {"eventId":"n","occurredAt":"2026-03-01T09:30:00+01:00","siteId":"store-lille-centre","channel":"store",
             "touchpoint":null,"customerId":null,"journeyId":null,"nps":null,"csat":null,"ces":3,"ratings":null,"comment":null,"language":null}
            """;

        var e = AssertValid(Parse(json));

        Assert.Equal(3, e.Ces);
        Assert.Null(e.Nps);
        Assert.Null(e.Csat);
        Assert.Empty(e.Ratings);
        Assert.Null(e.Touchpoint);
        Assert.Null(e.CustomerId);
        Assert.Null(e.JourneyId);
        Assert.Null(e.Comment);
        Assert.Null(e.Language);
    }

    [Theory]
    [InlineData("nps", 0)]
    [InlineData("nps", 10)]
    [InlineData("csat", 1)]
    [InlineData("csat", 5)]
    [InlineData("ces", 1)]
    [InlineData("ces", 7)]
    public void Headline_scores_at_the_ends_of_their_scale_are_accepted(string field, int value)
    {
        var e = AssertValid(Parse(FeedbackJson.WithRawField(field, value.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        var read = field switch { "nps" => e.Nps, "csat" => e.Csat, _ => e.Ces };
        Assert.Equal(value, read);
    }

    [Theory]
    [InlineData(TestCatalog.WaitingTime, 1.0)]
    [InlineData(TestCatalog.WaitingTime, 5.0)]
    [InlineData(TestCatalog.WaitingTime, 2.5)]
    [InlineData(TestCatalog.Cleanliness, 0.0)]
    [InlineData(TestCatalog.Cleanliness, 10.0)]
    [InlineData(TestCatalog.EaseOfReturn, 7.0)]
    public void Ratings_on_their_attribute_scale_are_accepted(string attribute, double value)
    {
        var e = AssertValid(Parse(FeedbackJson.Bytes(FeedbackJson.WithRatings("r", TestCatalog.LilleCentre, FeedbackJson.Now, (attribute, value)))));

        Assert.Equal(value, e.Ratings[attribute]);
    }

    [Fact]
    public void Integer_written_with_exponent_or_trailing_zero_fraction_is_a_valid_rating()
    {
        var e = AssertValid(Parse(FeedbackJson.WithRawField("ratings", """{"waiting-time":4.0,"cleanliness":1e1}""")));

        Assert.Equal(4.0, e.Ratings[TestCatalog.WaitingTime]);
        Assert.Equal(10.0, e.Ratings[TestCatalog.Cleanliness]);
    }

    [Fact]
    public void Escaped_text_is_unescaped()
    {
        var e = AssertValid(Parse(FeedbackJson.WithRawField("comment", "\"caf\\u00e9 \\\"froid\\\"\\nligne 2 \\ud83d\\ude00\"")));

        Assert.Equal("café \"froid\"\nligne 2 😀", e.Comment);
    }

    [Fact]
    public void Whitespace_around_the_object_is_allowed()
    {
        Assert.True(Parse(" \r\n\t" + FeedbackJson.Text(FeedbackJson.Minimal()) + "\n ").IsValid);
    }

    [Fact]
    public void Timestamp_in_utc_with_z_is_accepted_without_fraction()
    {
        var e = AssertValid(Parse(FeedbackJson.WithRawField("occurredAt", "\"2026-03-01T11:59:59Z\"")));

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 11, 59, 59, TimeSpan.Zero), e.OccurredAt);
    }

    [Fact]
    public void Texts_at_their_length_limits_are_accepted()
    {
        var limits = new ParserLimits();
        var obj = FeedbackJson.Minimal(new string('e', limits.MaxIdLength));
        obj["comment"] = new string('c', limits.MaxCommentLength);
        obj["touchpoint"] = new string('t', limits.MaxTextLength);

        var e = AssertValid(Parse(FeedbackJson.Bytes(obj)));

        Assert.Equal(limits.MaxIdLength, e.EventId.Length);
        Assert.Equal(limits.MaxCommentLength, e.Comment!.Length);
        Assert.Equal(limits.MaxTextLength, e.Touchpoint!.Length);
    }

    [Fact]
    public void A_message_exactly_at_the_size_limit_is_accepted()
    {
        var baseBytes = FeedbackJson.Bytes(FeedbackJson.Minimal());
        var limit = baseBytes.Length + 40;
        var obj = FeedbackJson.Minimal();
        obj["pad"] = "";
        var padding = limit - FeedbackJson.Bytes(obj).Length;
        obj["pad"] = new string('x', padding);
        var bytes = FeedbackJson.Bytes(obj);
        Assert.Equal(limit, bytes.Length);

        Assert.True(Parser(new ParserLimits { MaxMessageBytes = limit }).Parse(bytes).IsValid);
    }
}
