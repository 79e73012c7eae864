using System.Text;
using System.Text.Json;

namespace StreamCx.Kafka.Tests.DeadLetters;

public sealed class DeadLetterEnvelopeJsonTests
{
    private static readonly DateTimeOffset RejectedAt = new(2025, 6, 1, 12, 30, 45, 123, TimeSpan.Zero);

    private static ConsumedRecord Record(byte[] value, string? key = "site-9") =>
        new("feedback", 2, 12, key, value, null);

    [Fact]
    public void The_JSON_has_the_documented_field_names_and_values()
    {
        var envelope = DeadLetterEnvelope.For(Record([0xFF, 0x00, 0x7B]), "not-json", "Not valid JSON at byte 0.", RejectedAt);

        using var json = JsonDocument.Parse(DeadLetterJson.Serialize(envelope));
        var root = json.RootElement;

        Assert.Equal(
            ["originalBase64", "sourceTopic", "sourcePartition", "sourceOffset", "key", "rejectedAt", "reasonCode", "reason", "originalSize", "originalTruncated"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("/wB7", root.GetProperty("originalBase64").GetString());
        Assert.Equal("feedback", root.GetProperty("sourceTopic").GetString());
        Assert.Equal(2, root.GetProperty("sourcePartition").GetInt32());
        Assert.Equal(12, root.GetProperty("sourceOffset").GetInt64());
        Assert.Equal("site-9", root.GetProperty("key").GetString());
        Assert.Equal("2025-06-01T12:30:45.123+00:00", root.GetProperty("rejectedAt").GetString());
        Assert.Equal("not-json", root.GetProperty("reasonCode").GetString());
        Assert.Equal(3, root.GetProperty("originalSize").GetInt32());
        Assert.False(root.GetProperty("originalTruncated").GetBoolean());
    }

    [Fact]
    public void A_null_key_is_written_as_null_and_the_envelope_round_trips()
    {
        var envelope = DeadLetterEnvelope.For(Record([1, 2, 3], key: null), "bad-encoding", "Reason with \"quotes\" and\nnewline", RejectedAt);

        var bytes = DeadLetterJson.Serialize(envelope);
        var back = DeadLetterJson.Deserialize(bytes);

        Assert.Contains("\"key\":null", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal(envelope.Original, back.Original);
        Assert.Equal(envelope with { Original = back.Original }, back);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("null")]
    [InlineData("{\"originalBase64\":\"AQ==\",\"sourceTopic\":null,\"sourcePartition\":0,\"sourceOffset\":1,\"key\":null,\"rejectedAt\":\"2025-01-01T00:00:00Z\",\"reasonCode\":\"x\",\"reason\":\"y\"}")]
    [InlineData("{\"originalBase64\":\"not base64!\",\"sourceTopic\":\"t\",\"sourcePartition\":0,\"sourceOffset\":1,\"key\":null,\"rejectedAt\":\"2025-01-01T00:00:00Z\",\"reasonCode\":\"x\",\"reason\":\"y\"}")]
    public void Malformed_envelopes_are_rejected(string json)
    {
        Assert.ThrowsAny<JsonException>(() => DeadLetterJson.Deserialize(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void An_envelope_too_large_for_the_budget_keeps_a_prefix_of_the_original_and_says_so()
    {
        var original = new byte[300_000];
        new Random(7).NextBytes(original);
        var envelope = DeadLetterEnvelope.For(Record(original), "oversized", "Message larger than 100000 bytes.", RejectedAt);

        var (fitted, json) = DeadLetterEnvelopeFitter.Fit(envelope, 100_000);

        Assert.True(json.Length <= 100_000, $"{json.Length} bytes");
        Assert.True(json.Length > 99_000, "the budget should be used, not wasted");
        Assert.True(fitted.OriginalTruncated);
        Assert.Equal(original.Length, fitted.OriginalSize);
        Assert.Equal(original.AsSpan(0, fitted.Original.Length).ToArray(), fitted.Original);
        var back = DeadLetterJson.Deserialize(json);
        Assert.True(back.OriginalTruncated);
        Assert.Equal(300_000, back.OriginalSize);
    }
}
