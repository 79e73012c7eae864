using System.Globalization;
using System.Text;
using System.Text.Json;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Journeys.Indicators;
using StreamCx.Engine.Grouping;

namespace StreamCx.Host.Network;

/// <summary>
/// The network topic's records, as JSON: <c>{"kind":"group","alert":{…the alert contract…}}</c> for a region group's emission,
/// <c>{"kind":"passed","channel":"streamcx.regions/3","through":"2026-03-02T10:00:00+00:00","channels":12}</c> for how far a
/// region-topic partition has passed, <c>{"kind":"reading","eventId":"journey:jrn-1:settled","occurredAt":"…","siteId":"…",
/// "journeyId":"jrn-1","ratings":{"journeys-not-red":0,…}}</c> for a journey indicator reading (customerId and accountId
/// when known).
/// </summary>
public static class NetworkTopicRecord
{
    public static byte[] Group(Alert regionGroup) =>
        Encoding.UTF8.GetBytes($"{{\"kind\":\"group\",\"alert\":{ContractJson.Serialize(regionGroup)}}}");

    public static byte[] Passed(string channel, DateTimeOffset through, int channels) => Write(json =>
    {
        json.WriteString("kind", "passed");
        json.WriteString("channel", channel);
        json.WriteString("through", through);
        json.WriteNumber("channels", channels);
    });

    public static byte[] Reading(FeedbackEvent reading) => Write(json =>
    {
        json.WriteString("kind", "reading");
        json.WriteString("eventId", reading.EventId);
        json.WriteString("occurredAt", reading.OccurredAt);
        json.WriteString("siteId", reading.SiteId);
        if (reading.JourneyId is { } journey) json.WriteString("journeyId", journey);
        if (reading.CustomerId is { } customer) json.WriteString("customerId", customer);
        if (reading.AccountId is { } account) json.WriteString("accountId", account);
        json.WriteStartObject("ratings");
        foreach (var (attribute, value) in reading.Ratings) json.WriteNumber(attribute, value);
        json.WriteEndObject();
    });

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>The input a record carries, or why it carries none (the topic is the engines' own: anything else is a bug or tampering).</summary>
    public static (NetworkInput? Input, string? Problem) Decode(ReadOnlySpan<byte> value)
    {
        try
        {
            using var document = JsonDocument.Parse(value.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("kind", out var kind)) return (null, "not an object with a kind");
            switch (kind.GetString())
            {
                case "group":
                    if (!root.TryGetProperty("alert", out var alert) || alert.ValueKind != JsonValueKind.Object) return (null, "a group without its alert");
                    return ContractJson.DeserializeAlert(alert.GetRawText()) is { } a ? (NetworkInput.Group(a), null) : (null, "an empty alert");
                case "passed":
                    if (!root.TryGetProperty("channel", out var channel) || channel.GetString() is not { Length: > 0 } name) return (null, "a pass without its channel");
                    if (!root.TryGetProperty("through", out var through) || !through.TryGetDateTimeOffset(out var at)) return (null, "a pass without its time");
                    if (!root.TryGetProperty("channels", out var count) || !count.TryGetInt32(out var channels) || channels is < 1 or > 100_000) return (null, "a pass without a channel count from 1 to 100000");
                    return (NetworkInput.Passed(name, at, channels), null);
                case "reading":
                    return ReadingOf(root);
                default:
                    return (null, $"an unknown kind {kind.GetRawText()}");
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            return (null, "not JSON of the network topic: " + e.Message.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>A reading's fields, each checked (the watch then checks its site and its values against the catalog).</summary>
    private static (NetworkInput? Input, string? Problem) ReadingOf(JsonElement root)
    {
        string? Text(string name) => root.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String && p.GetString() is { Length: > 0 and <= 512 } s ? s : null;
        if (Text("eventId") is not { } id) return (null, "a reading without its event id");
        if (!root.TryGetProperty("occurredAt", out var at) || at.ValueKind != JsonValueKind.String || !at.TryGetDateTimeOffset(out var occurredAt)) return (null, "a reading without its time");
        if (Text("siteId") is not { } site) return (null, "a reading without its site");
        if (!root.TryGetProperty("ratings", out var ratings) || ratings.ValueKind != JsonValueKind.Object) return (null, "a reading without its ratings");
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var r in ratings.EnumerateObject())
        {
            if (r.Value.ValueKind != JsonValueKind.Number || !r.Value.TryGetDouble(out var v) || !double.IsFinite(v) || values.Count >= 16) return (null, $"a reading with a bad rating {r.Name}");
            values[r.Name] = v;
        }
        if (values.Count == 0) return (null, "a reading without ratings");
        return (NetworkInput.Of(new FeedbackEvent(id, occurredAt, site, JourneyReadings.Channel, values)
        {
            JourneyId = Text("journeyId"), CustomerId = Text("customerId"), AccountId = Text("accountId"),
        }), null);
    }
}
