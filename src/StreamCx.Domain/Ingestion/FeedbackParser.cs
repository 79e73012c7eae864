using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Domain.Ingestion;

/// <summary>
/// Turns the raw bytes of one message into a validated <see cref="FeedbackEvent"/> or a <see cref="Rejection"/>
/// with a reason a person can act on. Never throws on input.
/// </summary>
public sealed class FeedbackParser(ReferenceCatalog catalog, ParserLimits limits, TimeProvider clock)
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 8, CommentHandling = JsonCommentHandling.Disallow };

    public ParseOutcome Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > limits.MaxMessageBytes)
            return ParseOutcome.Rejected(RejectionReason.Oversized, $"message is {utf8.Length} bytes, the limit is {limits.MaxMessageBytes}");
        if (utf8.StartsWith(Encoding.UTF8.Preamble)) utf8 = utf8[3..];
        if (utf8.IsEmpty)
            return ParseOutcome.Rejected(RejectionReason.NotJson, "message is empty");
        if (!Utf8.IsValid(utf8))
            return ParseOutcome.Rejected(RejectionReason.InvalidEncoding, "message is not valid UTF-8 text");
        try
        {
            var fields = new RawFields();
            var error = ReadObject(utf8, fields);
            return error is not null ? new ParseOutcome(null, error) : Validate(fields);
        }
        catch (JsonException e)
        {
            return ParseOutcome.Rejected(RejectionReason.NotJson, $"not valid JSON: {Shorten(e.Message)}");
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader.GetString refuses escaped lone surrogates (\ud800-\udfff): valid JSON, but not text
            return ParseOutcome.Rejected(RejectionReason.InvalidEncoding, "message contains an escaped lone surrogate (\\uD800-\\uDFFF), which is not valid text");
        }
    }

    private Rejection? ReadObject(ReadOnlySpan<byte> utf8, RawFields f)
    {
        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return new Rejection(RejectionReason.NotAnObject, "message must be one JSON object");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (!seen.Add(name))
                return new Rejection(RejectionReason.InvalidField, $"field '{Shorten(name)}' appears twice");
            var error = ReadField(name, ref reader, f);
            if (error is not null) return error;
        }
        if (reader.TokenType != JsonTokenType.EndObject) throw new JsonException("unexpected content after the object's fields");
        if (reader.Read()) throw new JsonException("unexpected content after the JSON object");
        return null;
    }

    private Rejection? ReadField(string name, ref Utf8JsonReader reader, RawFields f)
    {
        switch (name)
        {
            case "eventId": return ReadString(ref reader, name, limits.MaxIdLength, out f.EventId);
            case "siteId": return ReadString(ref reader, name, limits.MaxIdLength, out f.SiteId);
            case "channel": return ReadString(ref reader, name, limits.MaxTextLength, out f.Channel);
            case "occurredAt": return ReadString(ref reader, name, limits.MaxTextLength, out f.OccurredAt);
            case "touchpoint": return ReadString(ref reader, name, limits.MaxTextLength, out f.Touchpoint);
            case "customerId": return ReadString(ref reader, name, limits.MaxIdLength, out f.CustomerId);
            case "journeyId": return ReadString(ref reader, name, limits.MaxIdLength, out f.JourneyId);
            case "language": return ReadString(ref reader, name, limits.MaxTextLength, out f.Language);
            case "comment": return ReadString(ref reader, name, limits.MaxCommentLength, out f.Comment);
            case "nps": return ReadScore(ref reader, name, 0, 10, out f.Nps);
            case "csat": return ReadScore(ref reader, name, 1, 5, out f.Csat);
            case "ces": return ReadScore(ref reader, name, 1, 7, out f.Ces);
            case "ratings": return ReadRatings(ref reader, f);
            default:
                reader.Skip(); // unknown fields are tolerated for forward compatibility
                return null;
        }
    }

    private static Rejection? ReadString(ref Utf8JsonReader reader, string name, int maxLength, out string? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.String)
            return new Rejection(RejectionReason.InvalidField, $"field '{name}' must be a string, got {Describe(reader.TokenType)}");
        value = reader.GetString()!;
        if (value.Length > maxLength)
            return new Rejection(RejectionReason.InvalidField, $"field '{name}' is {value.Length} characters long, the limit is {maxLength}");
        return null;
    }

    private static Rejection? ReadScore(ref Utf8JsonReader reader, string name, int min, int max, out int? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var v))
            return new Rejection(RejectionReason.InvalidField, $"field '{name}' must be an integer from {min} to {max}, got {Describe(reader.TokenType)}");
        if (v < min || v > max)
            return new Rejection(RejectionReason.OutOfScale, $"field '{name}' must be from {min} to {max}, got {v}");
        value = v;
        return null;
    }

    private Rejection? ReadRatings(ref Utf8JsonReader reader, RawFields f)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartObject)
            return new Rejection(RejectionReason.InvalidField, $"field 'ratings' must be an object of attribute → number, got {Describe(reader.TokenType)}");
        var ratings = new Dictionary<string, double>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var attributeId = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var value) || !double.IsFinite(value))
                return new Rejection(RejectionReason.InvalidField, $"rating '{Shorten(attributeId)}' must be a number, got {Describe(reader.TokenType)}");
            if (!catalog.TryGetAttribute(attributeId, out var attribute))
                return new Rejection(RejectionReason.UnknownAttribute, $"attribute '{Shorten(attributeId)}' is not in the attribute catalog");
            if (!attribute.IsOnScale(value))
                return new Rejection(RejectionReason.OutOfScale, $"rating '{attributeId}' must be from {attribute.Min} to {attribute.Max}, got {value.ToString(CultureInfo.InvariantCulture)}");
            if (!ratings.TryAdd(attributeId, value))
                return new Rejection(RejectionReason.InvalidField, $"rating '{attributeId}' appears twice");
            if (ratings.Count > limits.MaxRatings)
                return new Rejection(RejectionReason.InvalidField, $"more than {limits.MaxRatings} ratings in one event");
        }
        f.Ratings = ratings;
        return null;
    }

    private ParseOutcome Validate(RawFields f)
    {
        if (string.IsNullOrWhiteSpace(f.EventId)) return Missing("eventId");
        if (string.IsNullOrWhiteSpace(f.SiteId)) return Missing("siteId");
        if (string.IsNullOrWhiteSpace(f.OccurredAt)) return Missing("occurredAt");
        if (string.IsNullOrWhiteSpace(f.Channel)) return Missing("channel");
        if (!TryParseTimestamp(f.OccurredAt, out var occurredAt))
            return ParseOutcome.Rejected(RejectionReason.InvalidField, $"field 'occurredAt' must be an ISO-8601 timestamp with an offset (e.g. 2026-03-01T09:30:00+01:00), got '{Shorten(f.OccurredAt)}'");
        if (occurredAt < limits.EarliestOccurredAt)
            return ParseOutcome.Rejected(RejectionReason.InvalidField, $"occurredAt {f.OccurredAt} is before {limits.EarliestOccurredAt:yyyy-MM-dd}, the earliest accepted date");
        var latestAccepted = clock.GetUtcNow() + limits.MaxFutureSkew;
        if (occurredAt > latestAccepted)
            return ParseOutcome.Rejected(RejectionReason.FutureTimestamp, $"occurredAt {f.OccurredAt} is more than {Describe(limits.MaxFutureSkew)} in the future");
        if (!catalog.TryGetSite(f.SiteId, out _))
            return ParseOutcome.Rejected(RejectionReason.UnknownSite, $"site '{Shorten(f.SiteId)}' is not in the site registry");
        var ratings = f.Ratings ?? (IReadOnlyDictionary<string, double>)EmptyRatings;
        if (f.Nps is null && f.Csat is null && f.Ces is null && ratings.Count == 0)
            return ParseOutcome.Rejected(RejectionReason.NoScores, "the event carries none of nps, csat, ces or ratings");
        return ParseOutcome.Valid(new FeedbackEvent(f.EventId, occurredAt, f.SiteId, f.Channel, ratings)
        {
            Touchpoint = f.Touchpoint,
            CustomerId = f.CustomerId,
            JourneyId = f.JourneyId,
            Nps = f.Nps,
            Csat = f.Csat,
            Ces = f.Ces,
            Comment = f.Comment,
            Language = f.Language,
        });
    }

    private static readonly Dictionary<string, double> EmptyRatings = new();

    private static ParseOutcome Missing(string field) =>
        ParseOutcome.Rejected(RejectionReason.MissingField, $"required field '{field}' is missing or empty");

    /// <summary>ISO-8601 with an explicit offset ('Z' or ±hh:mm): a timestamp without one is ambiguous.</summary>
    internal static bool TryParseTimestamp(string text, out DateTimeOffset value)
    {
        value = default;
        var t = text.AsSpan();
        if (t.Length < 20 || t[10] is not ('T' or 't')) return false;
        var hasOffset = t[^1] is 'Z' or 'z' || (t.Length >= 25 && t[^6] is '+' or '-' && t[^3] == ':');
        return hasOffset && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a non-integer or too large number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    private static string Describe(TimeSpan span) =>
        span.TotalMinutes >= 1 ? $"{span.TotalMinutes.ToString("0.##", CultureInfo.InvariantCulture)} minutes" : $"{span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} seconds";

    private static string Shorten(string text) =>
        text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 80), "…");

    private sealed class RawFields
    {
        public string? EventId, SiteId, Channel, OccurredAt, Touchpoint, CustomerId, JourneyId, Language, Comment;
        public int? Nps, Csat, Ces;
        public Dictionary<string, double>? Ratings;
    }
}
