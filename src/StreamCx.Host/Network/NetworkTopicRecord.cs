using System.Globalization;
using System.Text;
using System.Text.Json;
using StreamCx.Domain.Contracts;
using StreamCx.Engine.Grouping;

namespace StreamCx.Host.Network;

/// <summary>
/// The network topic's records, as JSON: <c>{"kind":"group","alert":{…the alert contract…}}</c> for a region group's emission,
/// <c>{"kind":"passed","channel":"streamcx.regions/3","through":"2026-03-02T10:00:00+00:00","channels":12}</c> for how far a
/// region-topic partition has passed.
/// </summary>
public static class NetworkTopicRecord
{
    public static byte[] Group(Alert regionGroup) =>
        Encoding.UTF8.GetBytes($"{{\"kind\":\"group\",\"alert\":{ContractJson.Serialize(regionGroup)}}}");

    public static byte[] Passed(string channel, DateTimeOffset through, int channels)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("kind", "passed");
            json.WriteString("channel", channel);
            json.WriteString("through", through);
            json.WriteNumber("channels", channels);
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
                default:
                    return (null, $"an unknown kind {kind.GetRawText()}");
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            return (null, "not JSON of the network topic: " + e.Message.ToString(CultureInfo.InvariantCulture));
        }
    }
}
