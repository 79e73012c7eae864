namespace StreamCx.Kafka;

/// <summary>
/// Makes a serialized envelope fit a byte budget by keeping only a prefix of the original bytes
/// (base64 turns 3 bytes into 4 characters). An oversized input record would otherwise make its own
/// dead letter too large to produce.
/// </summary>
internal static class DeadLetterEnvelopeFitter
{
    public static (DeadLetterEnvelope Envelope, byte[] Json) Fit(DeadLetterEnvelope envelope, int maxBytes)
    {
        var json = DeadLetterJson.Serialize(envelope);
        if (json.Length <= maxBytes)
        {
            return (envelope, json);
        }

        var overhead = DeadLetterJson.Serialize(envelope with { Original = [], OriginalTruncated = true }).Length;
        var keep = Math.Min(envelope.Original.Length, Math.Max(0, (maxBytes - overhead) / 4 * 3));
        while (true)
        {
            var truncated = envelope with { Original = envelope.Original[..keep], OriginalTruncated = true };
            json = DeadLetterJson.Serialize(truncated);
            if (json.Length <= maxBytes || keep == 0)
            {
                return (truncated, json);
            }

            keep = Math.Max(0, keep - (3 * (((json.Length - maxBytes) / 4) + 1)));
        }
    }
}
