using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Tests.TestSupport;
using static StreamCx.Domain.Tests.TestSupport.Parsing;

namespace StreamCx.Domain.Tests.Ingestion;

/// <summary>occurredAt must be ISO-8601 with an offset and not too far ahead of the wall clock.</summary>
public sealed class FeedbackParserTimestampTests
{
    [Theory]
    [InlineData("2026-03-01T09:30:00")]
    [InlineData("2026-03-01T09:30:00.1234567")]
    [InlineData("2026-03-01 09:30:00+01:00")]
    [InlineData("2026-03-01")]
    [InlineData("09:30:00+01:00")]
    [InlineData("01/03/2026 09:30:00 +01:00")]
    [InlineData("Sun, 01 Mar 2026 09:30:00 GMT")]
    [InlineData("2026-13-01T09:30:00Z")]
    [InlineData("2026-02-30T09:30:00Z")]
    [InlineData("2026-03-01T25:00:00Z")]
    [InlineData("2026-03-01T09:30:00+15:00")]
    [InlineData("xxxxxxxxxxTxxxxxxxxZ")]
    [InlineData("garbage")]
    [InlineData("now")]
    [InlineData("1772366400")]
    public void Timestamp_without_offset_or_not_iso_is_rejected_quoting_it(string value)
    {
        AssertRejected(Parse(FeedbackJson.WithRawField("occurredAt", $"\"{value}\"")), RejectionReason.InvalidField, "'occurredAt'", "ISO-8601", $"'{value}'");
    }

    [Theory]
    [InlineData("2026-02-28T09:30:00Z")]
    [InlineData("2026-02-28T09:30:00.5Z")]
    [InlineData("2026-02-28T09:30:00+01:00")]
    [InlineData("2026-02-28T09:30:00-05:00")]
    [InlineData("2026-02-28T09:30:00.123+05:30")]
    [InlineData("2026-02-28T09:30:00+14:00")]
    [InlineData("2026-02-28T09:30:00-12:00")]
    public void Iso_timestamp_with_offset_is_accepted_and_keeps_its_offset(string value)
    {
        var e = AssertValid(Parse(FeedbackJson.WithRawField("occurredAt", $"\"{value}\"")));

        Assert.Equal(DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture), e.OccurredAt);
        Assert.Equal(DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture).Offset, e.OccurredAt.Offset);
    }

    [Fact]
    public void Timestamp_exactly_at_the_future_skew_limit_is_accepted()
    {
        var skew = new ParserLimits().MaxFutureSkew;
        var obj = FeedbackJson.Minimal(occurredAt: FeedbackJson.Now + skew);

        Assert.True(Parse(FeedbackJson.Bytes(obj)).IsValid);
    }

    [Fact]
    public void Timestamp_one_tick_beyond_the_future_skew_is_rejected_as_future()
    {
        var skew = new ParserLimits().MaxFutureSkew;
        var at = FeedbackJson.Now + skew + TimeSpan.FromTicks(1);

        AssertRejected(Parse(FeedbackJson.Bytes(FeedbackJson.Minimal(occurredAt: at))), RejectionReason.FutureTimestamp,
            "occurredAt", FeedbackJson.Iso(at), "10 minutes");
    }

    [Fact]
    public void Timestamp_a_day_ahead_is_rejected_as_future()
    {
        AssertRejected(Parse(FeedbackJson.Bytes(FeedbackJson.Minimal(occurredAt: FeedbackJson.Now.AddDays(1)))), RejectionReason.FutureTimestamp, "in the future");
    }

    [Fact]
    public void Future_check_compares_instants_not_local_clock_readings()
    {
        // 13:05 at +01:00 is 12:05 UTC: five minutes ahead of the clock, within the skew.
        var local = new DateTimeOffset(2026, 3, 1, 13, 5, 0, TimeSpan.FromHours(1));
        // 01:11 at -11:00 is 12:11 UTC: eleven minutes ahead, beyond the skew.
        var west = new DateTimeOffset(2026, 3, 1, 1, 11, 0, TimeSpan.FromHours(-11));

        Assert.True(Parse(FeedbackJson.Bytes(FeedbackJson.Minimal(occurredAt: local))).IsValid);
        AssertRejected(Parse(FeedbackJson.Bytes(FeedbackJson.Minimal(occurredAt: west))), RejectionReason.FutureTimestamp);
    }

    [Fact]
    public void Future_check_reads_the_clock_at_each_parse()
    {
        var clock = new FakeTimeProvider(FeedbackJson.Now);
        var parser = Parser(clock: clock);
        var bytes = FeedbackJson.Bytes(FeedbackJson.Minimal(occurredAt: FeedbackJson.Now.AddMinutes(30)));

        Assert.Equal(RejectionReason.FutureTimestamp, parser.Parse(bytes).Rejection?.Reason);
        clock.Advance(TimeSpan.FromMinutes(20));
        Assert.True(parser.Parse(bytes).IsValid);
    }

    [Fact]
    public void Zero_future_skew_accepts_now_and_refuses_the_next_tick()
    {
        var parser = Parser(new ParserLimits { MaxFutureSkew = TimeSpan.Zero });

        Assert.True(parser.Parse(FeedbackJson.Bytes(FeedbackJson.Minimal(occurredAt: FeedbackJson.Now))).IsValid);
        AssertRejected(parser.Parse(FeedbackJson.Bytes(FeedbackJson.Minimal(occurredAt: FeedbackJson.Now.AddTicks(1)))), RejectionReason.FutureTimestamp);
    }

    [Fact]
    public void Old_timestamps_are_not_refused_by_the_parser()
    {
        Assert.True(Parse(FeedbackJson.Bytes(FeedbackJson.Minimal(occurredAt: FeedbackJson.Now.AddYears(-3)))).IsValid);
    }
}
