using System.Text.RegularExpressions;

namespace StreamCx.IntegrationTests.Observability;

/// <summary>
/// The metric names a PromQL expression reads: what is left once strings, label matchers, ranges, grouping
/// clauses, function and aggregation calls, keywords and numbers are taken out. Enough for the expressions of
/// config/ (checked against a running engine), not a PromQL parser.
/// </summary>
public static partial class PromQlMetricNames
{
    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "offset", "bool", "inf", "nan", "atan2",
    };

    public static IReadOnlySet<string> Extract(string expression)
    {
        var e = Strings().Replace(expression, " ");
        e = Matchers().Replace(e, " ");
        e = Ranges().Replace(e, " ");
        e = Grouping().Replace(e, " ");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in Identifier().Matches(e))
            if (!Keywords.Contains(m.Value)) names.Add(m.Value);
        return names;
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", RegexOptions.IgnoreCase)]
    private static partial Regex Grouping();

    /// <summary>An identifier not preceded by a digit or dot (exponents, durations) and not followed by '(' (calls).</summary>
    [GeneratedRegex(@"(?<![\w.:])[a-zA-Z_:][a-zA-Z0-9_:]*(?!\s*\()(?![\w:])")]
    private static partial Regex Identifier();
}
