using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Tests.TestSupport;
using static StreamCx.Domain.Tests.TestSupport.Parsing;

namespace StreamCx.Domain.Tests.Ingestion;

/// <summary>Channel, touchpoint and language come from the parser's pool of recurring labels.</summary>
public sealed class FeedbackParserLabelTests
{
    private static byte[] Event(string eventId, string channel = "store", string touchpoint = "checkout", string language = "fr", string customerId = "cus-1")
    {
        var obj = FeedbackJson.Minimal(eventId);
        obj["channel"] = channel;
        obj["touchpoint"] = touchpoint;
        obj["language"] = language;
        obj["customerId"] = customerId;
        return FeedbackJson.Bytes(obj);
    }

    [Fact]
    public void Labels_of_successive_events_are_one_shared_instance()
    {
        var parser = Parser();

        var a = AssertValid(parser.Parse(Event("e-1")));
        var b = AssertValid(parser.Parse(Event("e-2")));

        Assert.Equal(("store", "checkout", "fr"), (b.Channel, b.Touchpoint, b.Language));
        Assert.Same(a.Channel, b.Channel);
        Assert.Same(a.Touchpoint, b.Touchpoint);
        Assert.Same(a.Language, b.Language);
        Assert.NotSame(a.CustomerId, b.CustomerId); // ids are not labels: a string per event
        Assert.Equal(a.CustomerId, b.CustomerId);
    }

    [Fact]
    public void An_escaped_label_is_unescaped_before_it_is_pooled()
    {
        var parser = Parser();

        var plain = AssertValid(parser.Parse(Event("e-1")));
        var escaped = AssertValid(parser.Parse(FeedbackJson.Bytes(System.Text.Encoding.UTF8.GetString(Event("e-2")).Replace("\"store\"", "\"st\\u006fre\"", StringComparison.Ordinal))));

        Assert.Equal("store", escaped.Channel);
        Assert.Same(plain.Channel, escaped.Channel);
    }

    [Fact]
    public void A_label_over_the_text_limit_is_rejected_as_before_even_when_short()
    {
        var parser = Parser(new ParserLimits { MaxTextLength = 4 });

        // the label first: the other text fields would break the small limit too
        const string json = """{"channel":"store","eventId":"e-1","occurredAt":"2026-03-01T09:30:00Z","siteId":"store-lille-centre","nps":3}""";

        AssertRejected(parser.Parse(FeedbackJson.Bytes(json)), RejectionReason.InvalidField, "field 'channel' is 5 characters long, the limit is 4");
    }

    [Theory]
    [InlineData("channel")]
    [InlineData("touchpoint")]
    [InlineData("language")]
    public void An_escaped_lone_surrogate_in_a_label_is_rejected_like_in_any_text(string field)
    {
        AssertRejected(Parse(FeedbackJson.WithRawField(field, "\"ab\\ud800\"")), RejectionReason.InvalidEncoding, "lone surrogate");
        AssertRejected(Parse(FeedbackJson.WithRawField("comment", "\"ab\\ud800\"")), RejectionReason.InvalidEncoding, "lone surrogate");
    }

    [Theory]
    [InlineData("channel", "3", "a non-integer or too large number")]
    [InlineData("touchpoint", "true", "a boolean")]
    [InlineData("language", "[\"fr\"]", "an array")]
    public void A_label_that_is_not_a_string_is_rejected(string field, string raw, string got)
    {
        AssertRejected(Parse(FeedbackJson.WithRawField(field, raw)), RejectionReason.InvalidField, $"field '{field}' must be a string, got {got}");
    }

    [Fact]
    public void One_parser_used_from_several_threads_reads_every_event_right()
    {
        var parser = Parser();
        string[] channels = ["store", "web", "app", "phone", "email"];
        string[] languages = ["fr", "en", "de", "es", "nl", "it"];
        var wrong = 0;

        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var (channel, touchpoint, language) = (channels[i % channels.Length], $"tp-{i % 40}", languages[i % languages.Length]);
            var e = parser.Parse(Event($"e-{i}", channel, touchpoint, language, $"cus-{i}")).Event;
            if (e is null || e.EventId != $"e-{i}" || e.Channel != channel || e.Touchpoint != touchpoint || e.Language != language || e.CustomerId != $"cus-{i}")
                Interlocked.Increment(ref wrong);
        });

        Assert.Equal(0, wrong);
    }
}
