using System.Text.Json.Nodes;
using StreamCx.Domain.Tests.TestSupport;

namespace StreamCx.Domain.Tests.Ingestion;

/// <summary>Valid messages of the listening sources, each with every required field and nothing else.</summary>
internal static class ListeningJson
{
    public static readonly string At = FeedbackJson.Iso(FeedbackJson.Now.AddHours(-1));

    public static JsonObject Complaint() => new()
    {
        ["type"] = "complaint", ["eventId"] = "cmp-1", ["occurredAt"] = At, ["siteId"] = TestCatalog.LilleCentre,
        ["channel"] = "phone", ["reason"] = "long-wait",
    };

    public static JsonObject Incident() => new()
    {
        ["type"] = "incident", ["eventId"] = "inc-1", ["occurredAt"] = At, ["siteId"] = TestCatalog.LilleCentre, ["incidentType"] = "delivery-delay",
    };

    public static JsonObject InternalReport() => new()
    {
        ["type"] = "internal-report", ["eventId"] = "rep-1", ["occurredAt"] = At, ["siteId"] = TestCatalog.LilleCentre,
        ["reporterRole"] = "driver", ["attributeId"] = TestCatalog.WaitingTime, ["sentiment"] = -0.6, ["text"] = "Customers wait at the loading dock",
    };

    public static JsonObject SocialMention() => new()
    {
        ["type"] = "social-mention", ["eventId"] = "soc-1", ["occurredAt"] = At, ["platform"] = "x", ["sentiment"] = -0.8,
        ["reach"] = 1200, ["text"] = "Queue of 40 minutes again", ["url"] = "https://x.example/status/1",
    };

    public static JsonObject Of(string type) => type switch
    {
        "complaint" => Complaint(),
        "incident" => Incident(),
        "internal-report" => InternalReport(),
        _ => SocialMention(),
    };

    /// <summary>A message of <paramref name="type"/> with one raw JSON fragment spliced in as the value of <paramref name="field"/>.</summary>
    public static byte[] WithRawField(string type, string field, string rawValue) => FeedbackJson.WithRawField(field, rawValue, Of(type));
}
