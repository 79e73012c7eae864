namespace StreamCx.Domain.Live;

/// <summary>Reads the <c>Last-Event-ID</c> a reconnecting client sends: a non-negative decimal id, or nothing.</summary>
public static class LastEventId
{
    public const int MaxDigits = 19;

    /// <returns>True with <paramref name="id"/> null when absent; false when present but not an id of this stream's form.</returns>
    public static bool TryParse(string? header, out long? id)
    {
        id = null;
        if (header is null) return true;
        var text = header.Trim();
        if (text.Length == 0) return true;
        if (text.Length > MaxDigits || !text.All(char.IsAsciiDigit)) return false;
        if (!long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)) return false;
        id = value;
        return true;
    }
}
