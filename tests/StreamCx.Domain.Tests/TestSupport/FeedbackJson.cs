using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StreamCx.Domain.Tests.TestSupport;

/// <summary>Builds feedback event JSON for parser and processor tests.</summary>
public static class FeedbackJson
{
    /// <summary>The fixed "wall clock" of parser tests.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>ISO-8601 with 7 fractional digits and an explicit ±hh:mm offset (exact to the tick).</summary>
    public static string Iso(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture);

    /// <summary>The required fields plus one score (nps 9), stamped one hour before <see cref="Now"/>.</summary>
    public static JsonObject Minimal(string eventId = "evt-1", string siteId = TestCatalog.LilleCentre, DateTimeOffset? occurredAt = null) => new()
    {
        ["eventId"] = eventId,
        ["occurredAt"] = Iso(occurredAt ?? Now.AddHours(-1)),
        ["siteId"] = siteId,
        ["channel"] = "store",
        ["nps"] = 9,
    };

    /// <summary>An event with only required fields and ratings.</summary>
    public static JsonObject WithRatings(string eventId, string siteId, DateTimeOffset occurredAt, params (string Attribute, double Value)[] ratings)
    {
        var r = new JsonObject();
        foreach (var (attribute, value) in ratings) r[attribute] = value;
        return new JsonObject
        {
            ["eventId"] = eventId,
            ["occurredAt"] = Iso(occurredAt),
            ["siteId"] = siteId,
            ["channel"] = "web",
            ["ratings"] = r,
        };
    }

    public static string Text(JsonNode node) => node.ToJsonString(Options);

    public static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(Text(node));

    public static byte[] Bytes(string json) => Encoding.UTF8.GetBytes(json);

    /// <summary>The minimal event with one raw JSON fragment spliced in as the value of <paramref name="field"/> (replacing it if present).</summary>
    public static byte[] WithRawField(string field, string rawValue, JsonObject? template = null)
    {
        var obj = template ?? Minimal();
        obj.Remove(field);
        var text = Text(obj);
        return Bytes(string.Concat(text.AsSpan(0, text.Length - 1), $",\"{field}\":{rawValue}}}"));
    }
}
