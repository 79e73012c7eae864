using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Ingestion;

namespace StreamCx.Domain.Tests.TestSupport;

/// <summary>Creates parsers over <see cref="TestCatalog"/> with a fake wall clock at <see cref="FeedbackJson.Now"/>.</summary>
public static class Parsing
{
    public static FeedbackParser Parser(ParserLimits? limits = null, TimeProvider? clock = null) =>
        new(TestCatalog.Create(), limits ?? new ParserLimits(), clock ?? new FakeTimeProvider(FeedbackJson.Now));

    public static ParseOutcome Parse(byte[] utf8) => Parser().Parse(utf8);

    public static ParseOutcome Parse(string json) => Parser().Parse(FeedbackJson.Bytes(json));

    /// <summary>Asserts a rejection with this reason whose message contains every fragment (ordinal).</summary>
    public static Rejection AssertRejected(ParseOutcome outcome, RejectionReason reason, params string[] fragments)
    {
        Assert.Null(outcome.Event);
        Assert.False(outcome.IsValid);
        var rejection = Assert.IsType<Rejection>(outcome.Rejection);
        Assert.Equal(reason, rejection.Reason);
        foreach (var f in fragments) Assert.Contains(f, rejection.Message, StringComparison.Ordinal);
        return rejection;
    }

    public static Contracts.FeedbackEvent AssertValid(ParseOutcome outcome)
    {
        Assert.True(outcome.Rejection is null, $"expected a valid event, got {outcome.Rejection}");
        Assert.True(outcome.IsValid);
        return outcome.Event!;
    }
}
