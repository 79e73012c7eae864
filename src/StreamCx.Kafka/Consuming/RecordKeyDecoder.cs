using System.Text;

namespace StreamCx.Kafka;

/// <summary>Strict UTF-8 decoding of record keys: invalid bytes give null, never an exception.</summary>
internal static class RecordKeyDecoder
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string? Decode(byte[]? key)
    {
        if (key is null)
        {
            return null;
        }

        try
        {
            return Strict.GetString(key);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
