using System.Globalization;
using System.Text;

namespace StreamCx.Kafka;

/// <summary>Renders untrusted values safely inside error messages (quoted, escaped, shortened).</summary>
internal static class DisplayText
{
    private const int MaxShown = 60;

    public static string Quote(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var builder = new StringBuilder("\"");
        var shown = Math.Min(value.Length, MaxShown);
        for (var i = 0; i < shown; i++)
        {
            builder.Append(Escape(value[i]));
        }

        builder.Append('"');
        if (value.Length > MaxShown)
        {
            builder.Append(CultureInfo.InvariantCulture, $"… ({value.Length} characters)");
        }

        return builder.ToString();
    }

    public static string Char(char c) => char.IsControl(c) || char.IsWhiteSpace(c) || c > '~'
        ? string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}")
        : $"'{c}'";

    private static string Escape(char c) => c switch
    {
        '"' => "\\\"",
        '\\' => "\\\\",
        _ when char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\u200E' or '\u200F' or '\u202E'
            => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"),
        _ => c.ToString(),
    };
}
