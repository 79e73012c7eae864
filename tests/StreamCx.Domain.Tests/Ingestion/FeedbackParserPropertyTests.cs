using System.Globalization;
using System.Text;
using CsCheck;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Tests.TestSupport;

namespace StreamCx.Domain.Tests.Ingestion;

/// <summary>Parse never throws and always returns exactly one of event or rejection.</summary>
public sealed class FeedbackParserPropertyTests
{
    private static readonly FeedbackParser Parser = Parsing.Parser(new ParserLimits { MaxMessageBytes = 4096 });

    private static readonly byte[] ValidEvent = Encoding.UTF8.GetBytes(
        """{"eventId":"evt-1","occurredAt":"2026-03-01T09:30:00.250+01:00","siteId":"store-lille-centre","channel":"store","touchpoint":"checkout","nps":7,"csat":4,"ces":2,"ratings":{"waiting-time":2,"cleanliness":7.5},"comment":"caf\u00e9 \"ok\"","language":"fr","extra":[1,{"a":null}]}""");

    /// <summary>Fragments that steer mutations toward the parser's edge cases.</summary>
    private static readonly string[] Tokens =
    [
        "{", "}", "[", "]", "\"", ":", ",", "\\", "\\u", "\\ud800", "\\udc00", "\\u0000", "\\n", " ", "null", "true", "false",
        "-", "0", "1e999", "-1", "11", "5.5", "\"nps\":", "\"ratings\":", "\"eventId\":", "{\"waiting-time\":", "Z", "+01:00", "T",
        "\u00e9", "\ufeff", "\ud83d\ude00",
    ];

    private static readonly byte[][] TokenBytes = Tokens.Select(Encoding.UTF8.GetBytes)
        .Concat([[0xFF], [0xC3], [0x80], [0xED, 0xA0, 0x80], [0xEF, 0xBB, 0xBF], [0x00]]).ToArray();

    private abstract record Mutation
    {
        public abstract byte[] Apply(byte[] input);
    }

    private sealed record Truncate(double At) : Mutation
    {
        public override byte[] Apply(byte[] input) => input[..(int)(At * input.Length)];
    }

    private sealed record FlipByte(double At, byte Mask) : Mutation
    {
        public override byte[] Apply(byte[] input)
        {
            if (input.Length == 0) return input;
            var copy = (byte[])input.Clone();
            copy[Math.Min(input.Length - 1, (int)(At * input.Length))] ^= Mask;
            return copy;
        }
    }

    private sealed record Insert(double At, int Token) : Mutation
    {
        public override byte[] Apply(byte[] input)
        {
            var at = (int)(At * input.Length);
            return [.. input[..at], .. TokenBytes[Token], .. input[at..]];
        }
    }

    private sealed record Delete(double At, int Length) : Mutation
    {
        public override byte[] Apply(byte[] input)
        {
            var at = (int)(At * input.Length);
            var end = Math.Min(input.Length, at + Length);
            return [.. input[..at], .. input[end..]];
        }
    }

    private static readonly Gen<double> Position = Gen.Double[0, 0.9999];

    private static readonly Gen<Mutation> AnyMutation = Gen.Frequency(
        (1, Position.Select(p => (Mutation)new Truncate(p))),
        (3, Gen.Select(Position, Gen.Byte[1, 255], (p, m) => (Mutation)new FlipByte(p, m))),
        (4, Gen.Select(Position, Gen.Int[0, TokenBytes.Length - 1], (p, t) => (Mutation)new Insert(p, t))),
        (2, Gen.Select(Position, Gen.Int[1, 8], (p, n) => (Mutation)new Delete(p, n))));

    private static void AssertExactlyOneOutcome(byte[] bytes)
    {
        ParseOutcome outcome;
        try
        {
            outcome = Parser.Parse(bytes);
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"Parse threw {e.GetType().Name}: {e.Message}\ninput: {Encoding.UTF8.GetString(bytes)}");
        }
        Assert.True(outcome.Event is null ^ outcome.Rejection is null, "exactly one of Event and Rejection must be set");
        Assert.Equal(outcome.Event is not null, outcome.IsValid);
        if (outcome.Rejection is { } r)
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Message));
            Assert.Contains(r.Code, RejectionReasonCodes.All);
        }
    }

    [Fact]
    public void Arbitrary_bytes_never_throw_and_give_exactly_one_outcome()
    {
        Gen.Byte.Array[0, 400].Sample(AssertExactlyOneOutcome, iter: 5_000);
    }

    [Fact]
    public void Arbitrary_json_like_text_never_throws_and_gives_exactly_one_outcome()
    {
        Gen.Int[0, TokenBytes.Length - 1].Array[0, 60]
            .Select(ts => ts.SelectMany(t => TokenBytes[t]).ToArray())
            .Sample(AssertExactlyOneOutcome, iter: 5_000);
    }

    [Fact]
    public void Mutations_of_a_valid_event_never_throw_and_give_exactly_one_outcome()
    {
        AnyMutation.Array[1, 4]
            .Select(ms => ms.Aggregate(ValidEvent, (bytes, m) => m.Apply(bytes)))
            .Sample(AssertExactlyOneOutcome, iter: 10_000);
    }

    [Fact]
    public void The_unmutated_event_is_valid()
    {
        Assert.True(Parser.Parse(ValidEvent).IsValid);
    }

    [Fact]
    public void Any_in_scale_scores_round_trip()
    {
        var gen = Gen.Select(
            Gen.Int[0, 10].Nullable(), Gen.Int[1, 5].Nullable(), Gen.Int[1, 7].Nullable(),
            Gen.Double[1, 5], Gen.Double[0, 10], Gen.Int[-12 * 4, 14 * 4], Gen.Long[0, TimeSpan.TicksPerDay * 3650]);

        gen.Sample((nps, csat, ces, waiting, clean, quarterHours, ticksBack) =>
        {
            var at = new DateTimeOffset(FeedbackJson.Now.UtcTicks - ticksBack, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(15 * quarterHours));
            var json = $$$"""
                {"eventId":"p","occurredAt":"{{{FeedbackJson.Iso(at)}}}","siteId":"store-roubaix","channel":"app",
                 "nps":{{{IntOrNull(nps)}}},"csat":{{{IntOrNull(csat)}}},"ces":{{{IntOrNull(ces)}}},
                 "ratings":{"waiting-time":{{{Num(waiting)}}},"cleanliness":{{{Num(clean)}}}}}
                """;

            var e = Parsing.AssertValid(Parser.Parse(Encoding.UTF8.GetBytes(json)));

            Assert.Equal(at, e.OccurredAt);
            Assert.Equal(at.Offset, e.OccurredAt.Offset);
            Assert.Equal(nps, e.Nps);
            Assert.Equal(csat, e.Csat);
            Assert.Equal(ces, e.Ces);
            Assert.Equal(waiting, e.Ratings[TestCatalog.WaitingTime]);
            Assert.Equal(clean, e.Ratings[TestCatalog.Cleanliness]);
        }, iter: 2_000);
    }

    private static string IntOrNull(int? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "null";

    private static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
