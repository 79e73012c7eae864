using System.Text;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Tests.TestSupport;
using static StreamCx.Domain.Tests.TestSupport.Parsing;

namespace StreamCx.Domain.Tests.Ingestion;

/// <summary>Messages that are not one JSON object of valid UTF-8 within the size limit.</summary>
public sealed class FeedbackParserMessageShapeTests
{
    [Theory]
    [InlineData("garbage")]
    [InlineData("{\"eventId\":\"evt-1\",\"siteId\":")]
    [InlineData("{\"eventId\":\"evt-1\"")]
    [InlineData("{")]
    [InlineData("{\"eventId\" \"evt-1\"}")]
    [InlineData("{'eventId':'evt-1'}")]
    [InlineData("{\"eventId\":\"evt-1\",}")]
    [InlineData("{eventId:\"evt-1\"}")]
    [InlineData("/* comment */ {\"eventId\":\"evt-1\"}")]
    [InlineData("{\"nps\":NaN}")]
    [InlineData("{\"eventId\":\"unterminated}")]
    [InlineData("{} {}")]
    [InlineData("{\"a\":1}garbage")]
    [InlineData("   ")]
    [InlineData("\r\n\t")]
    public void Text_that_is_not_json_is_rejected_as_not_json(string text)
    {
        AssertRejected(Parse(text), RejectionReason.NotJson, "JSON");
    }

    [Fact]
    public void Empty_message_is_rejected_as_not_json_and_says_it_is_empty()
    {
        AssertRejected(Parser().Parse([]), RejectionReason.NotJson, "empty");
    }

    [Fact]
    public void Byte_order_mark_alone_is_an_empty_message()
    {
        AssertRejected(Parser().Parse(Encoding.UTF8.Preamble), RejectionReason.NotJson, "empty");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[{\"eventId\":\"evt-1\"}]")]
    [InlineData("\"str\"")]
    [InlineData("42")]
    [InlineData("-1.5e3")]
    [InlineData("true")]
    [InlineData("null")]
    public void Json_that_is_not_an_object_is_rejected_as_not_an_object(string text)
    {
        AssertRejected(Parse(text), RejectionReason.NotAnObject, "one JSON object");
    }

    [Theory]
    [InlineData(new byte[] { 0x7B, 0xFF, 0x7D })] // 0xFF never appears in UTF-8
    [InlineData(new byte[] { 0x7B, 0x80, 0x7D })] // lone continuation byte
    [InlineData(new byte[] { 0x7B, 0xC0, 0xAF, 0x7D })] // overlong encoding of '/'
    [InlineData(new byte[] { 0x7B, 0xE2, 0x82, 0x7D })] // truncated 3-byte sequence
    [InlineData(new byte[] { 0x7B, 0xED, 0xA0, 0x80, 0x7D })] // UTF-8-encoded surrogate
    [InlineData(new byte[] { 0x7B, 0xF5, 0x80, 0x80, 0x80, 0x7D })] // above U+10FFFF
    public void Invalid_utf8_bytes_are_rejected_as_invalid_encoding(byte[] bytes)
    {
        AssertRejected(Parser().Parse(bytes), RejectionReason.InvalidEncoding, "UTF-8");
    }

    [Fact]
    public void Latin1_encoded_text_is_rejected_as_invalid_encoding()
    {
        var json = FeedbackJson.Text(FeedbackJson.Minimal()).Replace("\"channel\":\"store\"", "\"channel\":\"store\",\"comment\":\"Très bien\"", StringComparison.Ordinal);

        AssertRejected(Parser().Parse(Encoding.Latin1.GetBytes(json)), RejectionReason.InvalidEncoding, "UTF-8");
    }

    [Fact]
    public void Utf16_encoded_json_is_rejected_as_invalid_encoding()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(FeedbackJson.Text(FeedbackJson.Minimal()))).ToArray();

        AssertRejected(Parser().Parse(bytes), RejectionReason.InvalidEncoding, "UTF-8");
    }

    [Fact]
    public void Message_one_byte_over_the_limit_is_rejected_as_oversized_with_both_sizes()
    {
        var bytes = FeedbackJson.Bytes(FeedbackJson.Minimal());
        var limits = new ParserLimits { MaxMessageBytes = bytes.Length - 1 };

        AssertRejected(Parser(limits).Parse(bytes), RejectionReason.Oversized, $"{bytes.Length} bytes", $"{bytes.Length - 1}");
    }

    [Fact]
    public void Message_over_the_default_limit_is_rejected_as_oversized_before_anything_else()
    {
        var bytes = new byte[new ParserLimits().MaxMessageBytes + 1];
        Array.Fill(bytes, (byte)0xFF); // would be invalid UTF-8 too: size is checked first

        AssertRejected(Parser().Parse(bytes), RejectionReason.Oversized, "1048577 bytes", "1048576");
    }

    [Fact]
    public void Deeply_nested_junk_is_rejected_as_not_json_without_throwing()
    {
        var junk = new string('[', 100_000) + new string(']', 100_000);

        AssertRejected(Parse(FeedbackJson.WithRawField("junk", junk)), RejectionReason.NotJson, "JSON");
    }

    [Fact]
    public void Deeply_nested_unterminated_junk_is_rejected_as_not_json()
    {
        AssertRejected(Parse(new string('{', 50_000)), RejectionReason.NotJson, "JSON");
    }

    [Fact]
    public void Shallow_nesting_in_an_unknown_field_is_tolerated()
    {
        Assert.True(Parse(FeedbackJson.WithRawField("junk", "[[[[{\"a\":[1]}]]]]")).IsValid);
    }

    [Fact]
    public void Not_json_message_is_short_even_for_huge_input()
    {
        var rejection = AssertRejected(Parse("{\"x\":" + new string('y', 100_000)), RejectionReason.NotJson);

        Assert.True(rejection.Message.Length < 400, $"message is {rejection.Message.Length} characters");
    }
}
