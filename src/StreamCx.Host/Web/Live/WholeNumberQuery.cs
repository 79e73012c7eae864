using System.Globalization;
using StreamCx.Domain.Live;

namespace StreamCx.Host.Web.Live;

/// <summary>A whole number of a query string within bounds (hours, days), or the reason it is refused.</summary>
public static class WholeNumberQuery
{
    /// <summary>
    /// <paramref name="fallback"/> when <paramref name="text"/> is absent; false, with <paramref name="error"/> naming the
    /// parameter and the bounds, when it is not a whole number (digits only) from <paramref name="min"/> to <paramref name="max"/>.
    /// </summary>
    public static bool TryRead(string? text, string name, int min, int max, int fallback, out int value, out string error)
    {
        error = "";
        value = fallback;
        if (text is null) return true;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max) return true;
        error = $"{name} must be a whole number from {min} to {max}, got '{AlertFilterParser.Printable(text)}'";
        return false;
    }
}
