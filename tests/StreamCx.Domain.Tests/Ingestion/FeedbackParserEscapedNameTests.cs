using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Tests.TestSupport;
using static StreamCx.Domain.Tests.TestSupport.Parsing;

namespace StreamCx.Domain.Tests.Ingestion;

/// <summary>Field names and ids are matched on their unescaped text, however they are written in the JSON.</summary>
public sealed class FeedbackParserEscapedNameTests
{
    private static string Event(string fields) =>
        "{" + fields + ",\"occurredAt\":\"" + FeedbackJson.Iso(FeedbackJson.Now.AddHours(-1)) + "\",\"channel\":\"web\",\"nps\":8}";

    [Fact]
    public void Escaped_field_names_and_ids_are_read_as_their_text()
    {
        var e = AssertValid(Parse(Event("\"\\u0065ventId\":\"e-1\",\"site\\u0049d\":\"store-lille-\\u0063entre\",\"ratings\":{\"waiting\\u002dtime\":4}")));
        Assert.Equal("e-1", e.EventId);
        Assert.Equal(TestCatalog.LilleCentre, e.SiteId);
        Assert.Equal(4, e.Ratings[TestCatalog.WaitingTime]);
    }

    [Fact]
    public void A_field_written_once_plainly_and_once_escaped_appears_twice()
    {
        AssertRejected(Parse(Event("\"eventId\":\"e-1\",\"\\u0065ventId\":\"e-2\",\"siteId\":\"store-lille-centre\"")), RejectionReason.InvalidField, "'eventId' appears twice");
    }

    [Fact]
    public void An_unknown_field_twice_is_rejected_but_once_is_tolerated()
    {
        AssertValid(Parse(Event("\"eventId\":\"e-1\",\"siteId\":\"store-lille-centre\",\"extra\":1")));
        AssertRejected(Parse(Event("\"eventId\":\"e-1\",\"siteId\":\"store-lille-centre\",\"extra\":1,\"extra\":2")), RejectionReason.InvalidField, "'extra' appears twice");
    }

    [Fact]
    public void Very_long_unknown_site_and_attribute_are_rejected_with_their_reason()
    {
        var site = new string('s', 300);
        AssertRejected(Parse(Event($"\"eventId\":\"e-1\",\"siteId\":\"{site}\"")), RejectionReason.InvalidField, "'siteId' is 300 characters long");
        var attribute = new string('a', 300);
        AssertRejected(Parse(Event($"\"eventId\":\"e-1\",\"siteId\":\"store-lille-centre\",\"ratings\":{{\"{attribute}\":3}}")), RejectionReason.UnknownAttribute, "is not in the attribute catalog");
    }

    [Fact]
    public void An_escaped_timestamp_is_read_and_a_future_one_is_quoted_in_the_rejection()
    {
        var at = FeedbackJson.Iso(FeedbackJson.Now.AddHours(-1)).Replace("T", "\\u0054", StringComparison.Ordinal);
        var valid = AssertValid(Parse("{\"eventId\":\"e\",\"siteId\":\"store-lille-centre\",\"channel\":\"web\",\"nps\":8,\"occurredAt\":\"" + at + "\"}"));
        Assert.Equal(FeedbackJson.Now.AddHours(-1), valid.OccurredAt);
        var future = FeedbackJson.Iso(FeedbackJson.Now.AddDays(1));
        AssertRejected(Parse("{\"eventId\":\"e\",\"siteId\":\"store-lille-centre\",\"channel\":\"web\",\"nps\":8,\"occurredAt\":\"" + future + "\"}"), RejectionReason.FutureTimestamp, future);
    }
}
