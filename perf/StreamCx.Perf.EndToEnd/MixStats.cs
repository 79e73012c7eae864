using System.Globalization;
using System.Text.Json;

namespace StreamCx.Perf.EndToEnd;

/// <summary>What a mixed workload holds: its messages by <c>type</c> (absent: <c>feedback</c>), and a word on its feedback.</summary>
public sealed record MixStats(int Messages, IReadOnlyList<(string Type, int Count)> ByType, string FeedbackDetail)
{
    public const string Feedback = "feedback";

    public int FeedbackCount => Of(Feedback);

    public int Of(string type) => ByType.FirstOrDefault(t => t.Type == type).Count;

    /// <summary>The types of <paramref name="values"/> counted, feedback first, then in order of first appearance.</summary>
    public static IReadOnlyList<(string Type, int Count)> Count(IEnumerable<byte[]> values) =>
        [.. values.Select(TypeOf).CountBy(t => t).OrderBy(t => t.Key == Feedback ? 0 : 1).Select(t => (t.Key, t.Value))];

    public static string TypeOf(byte[] value)
    {
        using var json = JsonDocument.Parse(value);
        return json.RootElement.TryGetProperty("type", out var type) && type.GetString() is { } t ? t : Feedback;
    }

    /// <summary>Each type's rate when the whole workload takes <paramref name="seconds"/>: "feedback 1,234 · complaint 56 …".</summary>
    public string RatesBy(double seconds) =>
        string.Join(" · ", ByType.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Type} {t.Count / seconds:N0}")));

    public override string ToString() =>
        $"{Messages:N0} messages: {FeedbackCount:N0} feedback ({FeedbackDetail})"
        + string.Concat(ByType.Where(t => t.Type != Feedback).Select(t => string.Create(CultureInfo.InvariantCulture, $", {t.Count:N0} {t.Type}")));
}
