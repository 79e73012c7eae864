using StreamCx.Domain.Ingestion;

namespace StreamCx.Domain.Tests.Ingestion;

public sealed class RejectionTests
{
    [Theory]
    [InlineData(RejectionReason.NotJson, "not-json")]
    [InlineData(RejectionReason.InvalidEncoding, "invalid-encoding")]
    [InlineData(RejectionReason.Oversized, "oversized")]
    [InlineData(RejectionReason.NotAnObject, "not-an-object")]
    [InlineData(RejectionReason.MissingField, "missing-field")]
    [InlineData(RejectionReason.InvalidField, "invalid-field")]
    [InlineData(RejectionReason.OutOfScale, "out-of-scale")]
    [InlineData(RejectionReason.UnknownSite, "unknown-site")]
    [InlineData(RejectionReason.UnknownAttribute, "unknown-attribute")]
    [InlineData(RejectionReason.NoScores, "no-scores")]
    [InlineData(RejectionReason.FutureTimestamp, "future-timestamp")]
    public void Every_reason_has_a_stable_code(RejectionReason reason, string code)
    {
        Assert.Equal(code, reason.ToCode());
        Assert.Equal(code, new Rejection(reason, "m").Code);
    }

    [Fact]
    public void All_codes_are_listed_once()
    {
        Assert.Equal(Enum.GetValues<RejectionReason>().Length, RejectionReasonCodes.All.Count);
        Assert.Equal(RejectionReasonCodes.All.Count, RejectionReasonCodes.All.Distinct().Count());
    }

    [Fact]
    public void Text_form_is_code_then_message()
    {
        Assert.Equal("no-scores: the event has nothing", new Rejection(RejectionReason.NoScores, "the event has nothing").ToString());
    }
}
