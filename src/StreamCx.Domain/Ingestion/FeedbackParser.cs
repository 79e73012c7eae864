using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Domain.Ingestion;

/// <summary>
/// Turns the raw bytes of one message into a validated <see cref="FeedbackEvent"/> (no <c>type</c>, or
/// <c>feedback</c>), a <see cref="JourneySignal"/> (<c>journey-step</c>, <c>journey-closed</c>, <c>churn</c>) or a
/// <see cref="Rejection"/> with a reason a person can act on. Never throws on input.
/// </summary>
public sealed partial class FeedbackParser(ReferenceCatalog catalog, ParserLimits limits, TimeProvider clock)
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 8, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>The recurring labels (channel, touchpoint, language) as shared instances: no new string per event.</summary>
    private readonly BoundedStringPool _labels = new();

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
            var fields = default(RawFields);
            var error = ReadObject(utf8, ref fields);
            return error is not null ? new ParseOutcome(null, error) : Validate(ref fields);
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

    private Rejection? ReadObject(ReadOnlySpan<byte> utf8, ref RawFields f)
    {
        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return new Rejection(RejectionReason.NotAnObject, "message must be one JSON object");
        var seen = 0L;
        HashSet<string>? unknown = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = KnownField(ref reader);
            var unknownName = field < 0 ? reader.GetString()! : null;
            reader.Read();
            if ((field >= 0 && (seen & (1L << field)) != 0) || (unknownName is not null && !(unknown ??= new(StringComparer.Ordinal)).Add(unknownName)))
                return new Rejection(RejectionReason.InvalidField, $"field '{Shorten(unknownName ?? FieldNames[field])}' appears twice");
            if (unknownName is not null)
            {
                reader.Skip(); // unknown fields are tolerated for forward compatibility
                continue;
            }
            seen |= 1L << field;
            var error = ReadField(field, ref reader, ref f);
            if (error is not null) return error;
        }
        if (reader.TokenType != JsonTokenType.EndObject) throw new JsonException("unexpected content after the object's fields");
        if (reader.Read()) throw new JsonException("unexpected content after the JSON object");
        return null;
    }

    /// <summary>The contract's field names, in the order of <see cref="ReadField"/>; matched on the raw bytes, so reading a name allocates nothing.</summary>
    private static readonly string[] FieldNames =
        ["eventId", "siteId", "channel", "occurredAt", "touchpoint", "customerId", "journeyId", "language", "comment", "nps", "csat", "ces", "ratings",
         "type", "accountId", "contactRole", "department", "scope", "step", "reason", "outcome",
         "text", "incidentType", "magnitude", "endedAt", "reporterRole", "attributeId", "topic", "sentiment", "platform", "reach", "url",
         "unitId", "handlingSeconds", "firstContactResolution", "contactCount"];

    private static readonly byte[][] FieldNamesUtf8 = [.. FieldNames.Select(Encoding.UTF8.GetBytes)];

    private static int KnownField(ref Utf8JsonReader reader)
    {
        for (var i = 0; i < FieldNamesUtf8.Length; i++)
            if (reader.ValueTextEquals(FieldNamesUtf8[i])) return i;
        return -1;
    }

    private Rejection? ReadField(int field, ref Utf8JsonReader reader, ref RawFields f)
    {
        var name = FieldNames[field];
        return field switch
        {
            0 => ReadString(ref reader, name, limits.MaxIdLength, out f.EventId),
            1 => ReadSiteId(ref reader, ref f),
            2 => ReadLabel(ref reader, name, limits.MaxTextLength, out f.Channel),
            3 => ReadOccurredAt(ref reader, ref f),
            4 => ReadLabel(ref reader, name, limits.MaxTextLength, out f.Touchpoint),
            5 => ReadString(ref reader, name, limits.MaxIdLength, out f.CustomerId),
            6 => ReadString(ref reader, name, limits.MaxIdLength, out f.JourneyId),
            7 => ReadLabel(ref reader, name, limits.MaxTextLength, out f.Language),
            8 => ReadString(ref reader, name, limits.MaxCommentLength, out f.Comment),
            9 => ReadScore(ref reader, name, 0, 10, out f.Nps),
            10 => ReadScore(ref reader, name, 1, 5, out f.Csat),
            11 => ReadScore(ref reader, name, 1, 7, out f.Ces),
            12 => ReadRatings(ref reader, ref f),
            13 => ReadLabel(ref reader, name, limits.MaxTextLength, out f.Type),
            14 => ReadString(ref reader, name, limits.MaxIdLength, out f.AccountId),
            15 => ReadLabel(ref reader, name, limits.MaxTextLength, out f.ContactRole),
            16 => ReadLabel(ref reader, name, limits.MaxTextLength, out f.Department),
            17 => ReadLabel(ref reader, name, limits.MaxTextLength, out f.Scope),
            18 => ReadLabel(ref reader, name, limits.MaxTextLength, out f.Step),
            19 => ReadLabel(ref reader, name, limits.MaxTextLength, out f.Reason),
            20 => ReadLabel(ref reader, name, limits.MaxTextLength, out f.Outcome),
            _ => ReadListeningField(field, ref reader, ref f),
        };
    }

    /// <summary>The site id as the registry's own string when it is known (no copy per message).</summary>
    private Rejection? ReadSiteId(ref Utf8JsonReader reader, ref RawFields f)
    {
        Span<char> buffer = stackalloc char[ShortTextMax];
        var id = reader.TokenType == JsonTokenType.String ? ShortText(reader, buffer) : [];
        if (!id.IsEmpty && id.Length <= limits.MaxIdLength && catalog.TryGetSite(id, out var site))
        {
            f.SiteId = site.SiteId;
            f.SiteKnown = true;
            return null;
        }
        f.SiteKnown = false;
        return ReadString(ref reader, "siteId", limits.MaxIdLength, out f.SiteId);
    }

    /// <summary>The timestamp parsed straight from the message; its text is kept only when it will be quoted in a rejection.</summary>
    private Rejection? ReadOccurredAt(ref Utf8JsonReader reader, ref RawFields f)
    {
        Span<char> buffer = stackalloc char[ShortTextMax];
        var text = reader.TokenType == JsonTokenType.String ? ShortText(reader, buffer) : [];
        if (!text.IsEmpty && text.Length <= limits.MaxTextLength && TryParseTimestamp(text, out var at)
            && at >= limits.EarliestOccurredAt && at <= clock.GetUtcNow() + limits.MaxFutureSkew)
        {
            f.OccurredAtAccepted = at;
            f.OccurredAt = null;
            return null;
        }
        f.OccurredAtAccepted = null;
        return ReadString(ref reader, "occurredAt", limits.MaxTextLength, out f.OccurredAt);
    }

    private const int ShortTextMax = 256;

    /// <summary>The string value unescaped into <paramref name="buffer"/>, or empty when it does not fit.</summary>
    private static ReadOnlySpan<char> ShortText(in Utf8JsonReader reader, Span<char> buffer)
    {
        if (reader.HasValueSequence || reader.ValueSpan.Length > buffer.Length) return [];
        var written = reader.CopyString(buffer);
        return buffer[..written];
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

    /// <summary>Like <see cref="ReadString"/>, but a short value comes from the pool of recurring labels.</summary>
    private Rejection? ReadLabel(ref Utf8JsonReader reader, string name, int maxLength, out string? value)
    {
        if (reader.TokenType != JsonTokenType.String || reader.HasValueSequence || reader.ValueSpan.Length > BoundedStringPool.MaxLength)
            return ReadString(ref reader, name, maxLength, out value);
        // at most as many characters as encoded bytes, escapes included: the text fits
        Span<char> buffer = stackalloc char[BoundedStringPool.MaxLength];
        value = _labels.Get(buffer[..reader.CopyString(buffer)]);
        if (value.Length > maxLength)
            return new Rejection(RejectionReason.InvalidField, $"field '{name}' is {value.Length} characters long, the limit is {maxLength}");
        return null;
    }

    private static Rejection? ReadScore(ref Utf8JsonReader reader, string name, int min, int max, out int? value)
    {
        var error = ReadInteger(ref reader, name, min, max, int.MaxValue, out var v);
        value = (int?)v;
        return error;
    }

    /// <summary>An integer from <paramref name="min"/> to <paramref name="max"/>; beyond <paramref name="representable"/> (in magnitude) it is no integer of its type.</summary>
    private static Rejection? ReadInteger(ref Utf8JsonReader reader, string name, long min, long max, long representable, out long? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var v) || v > representable || v < -representable)
            return new Rejection(RejectionReason.InvalidField, $"field '{name}' must be an integer from {min} to {max}, got {Describe(reader.TokenType)}");
        if (v < min || v > max)
            return new Rejection(RejectionReason.OutOfScale, $"field '{name}' must be from {min} to {max}, got {v}");
        value = v;
        return null;
    }

    private Rejection? ReadRatings(ref Utf8JsonReader reader, ref RawFields f)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartObject)
            return new Rejection(RejectionReason.InvalidField, $"field 'ratings' must be an object of attribute → number, got {Describe(reader.TokenType)}");
        // sized once from a read ahead: exact unless the JSON is broken (then the read below rejects it)
        var ratings = CountProperties(reader) is var expected and > 0 ? new KeyValuePair<string, double>[expected] : [];
        var count = 0;
        Span<char> buffer = stackalloc char[ShortTextMax];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // the catalog's own string for a known attribute: no copy per rating
            var name = ShortText(reader, buffer);
            var known = !name.IsEmpty && catalog.TryGetAttribute(name, out var found) ? found : null;
            var attributeId = known?.AttributeId ?? reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var value) || !double.IsFinite(value))
                return new Rejection(RejectionReason.InvalidField, $"rating '{Shorten(attributeId)}' must be a number, got {Describe(reader.TokenType)}");
            if ((known ?? (catalog.TryGetAttribute(attributeId, out var other) ? other : null)) is not { } attribute)
                return new Rejection(RejectionReason.UnknownAttribute, $"attribute '{Shorten(attributeId)}' is not in the attribute catalog");
            if (!attribute.IsOnScale(value))
                return new Rejection(RejectionReason.OutOfScale, $"rating '{attributeId}' must be from {attribute.Min} to {attribute.Max}, got {value.ToString(CultureInfo.InvariantCulture)}");
            if (Contains(ratings.AsSpan(0, count), attributeId))
                return new Rejection(RejectionReason.InvalidField, $"rating '{attributeId}' appears twice");
            if (count == ratings.Length) Array.Resize(ref ratings, count + 1); // defensive: the count read ahead is exact
            ratings[count++] = new(attributeId, value);
            if (count > limits.MaxRatings)
                return new Rejection(RejectionReason.InvalidField, $"more than {limits.MaxRatings} ratings in one event");
        }
        if (count < ratings.Length) Array.Resize(ref ratings, count);
        f.Ratings = count == 0 ? RatingDictionary.Empty : new RatingDictionary(ratings);
        return null;
    }

    private static bool Contains(ReadOnlySpan<KeyValuePair<string, double>> ratings, string attributeId)
    {
        foreach (var r in ratings)
            if (string.Equals(r.Key, attributeId, StringComparison.Ordinal)) return true;
        return false;
    }

    private ParseOutcome Validate(ref RawFields f)
    {
        var outcome = string.IsNullOrWhiteSpace(f.EventId) ? Missing("eventId") : f.Type switch
        {
            null or "feedback" => ValidateFeedback(ref f),
            "journey-step" => ValidateStep(ref f),
            "journey-closed" => ValidateClosed(ref f),
            "churn" => ValidateChurn(ref f),
            ListeningTypes.Complaint => ValidateComplaint(ref f),
            ListeningTypes.Incident => ValidateIncident(ref f),
            ListeningTypes.InternalReport => ValidateInternalReport(ref f),
            ListeningTypes.SocialMention => ValidateSocialMention(ref f),
            _ => ParseOutcome.Rejected(RejectionReason.InvalidField, $"field 'type' must be one of {string.Join(", ", MessageTypes)}, got '{Shorten(f.Type)}'"),
        };
        // the type a rejection belongs to (metrics by source), when the message named a known one
        var type = f.Type ?? "feedback";
        return outcome.Rejection is { } rejection && MessageTypes.Contains(type, StringComparer.Ordinal)
            ? outcome with { Rejection = rejection with { MessageType = type } }
            : outcome;
    }

    /// <summary>The values of <c>type</c>; absent means <c>feedback</c>.</summary>
    public static IReadOnlyList<string> MessageTypes { get; } =
        ["feedback", "journey-step", "journey-closed", "churn", ListeningTypes.Complaint, ListeningTypes.Incident, ListeningTypes.InternalReport, ListeningTypes.SocialMention];

    private ParseOutcome ValidateFeedback(ref RawFields f)
    {
        if (string.IsNullOrWhiteSpace(f.SiteId)) return Missing("siteId");
        if (f.OccurredAtAccepted is null && string.IsNullOrWhiteSpace(f.OccurredAt)) return Missing("occurredAt");
        if (string.IsNullOrWhiteSpace(f.Channel)) return Missing("channel");
        if (CheckOccurredAt(ref f, out var occurredAt) is { } late) return new ParseOutcome(null, late);
        if (CheckSite(ref f) is { } unknownSite) return new ParseOutcome(null, unknownSite);
        var ratings = f.Ratings ?? RatingDictionary.Empty;
        if (f.Nps is null && f.Csat is null && f.Ces is null && ratings.Count == 0)
            return ParseOutcome.Rejected(RejectionReason.NoScores, "the event carries none of nps, csat, ces or ratings");
        FeedbackScope scope;
        switch (f.Scope)
        {
            case null or "interaction": scope = FeedbackScope.Interaction; break;
            case "journey": scope = FeedbackScope.Journey; break;
            default: return ParseOutcome.Rejected(RejectionReason.InvalidField, $"field 'scope' must be 'interaction' or 'journey', got '{Shorten(f.Scope)}'");
        }
        return ParseOutcome.Valid(new FeedbackEvent(f.EventId!, occurredAt, f.SiteId!, f.Channel!, ratings)
        {
            Touchpoint = f.Touchpoint,
            CustomerId = f.CustomerId,
            JourneyId = f.JourneyId,
            Nps = f.Nps,
            Csat = f.Csat,
            Ces = f.Ces,
            Comment = f.Comment,
            Language = f.Language,
            AccountId = f.AccountId,
            ContactRole = f.ContactRole,
            Department = f.Department,
            Scope = scope,
            Flags = Flag(f.Department, f.ContactRole),
            UnitId = NullIfBlank(f.UnitId),
            HandlingSeconds = f.HandlingSeconds,
            FirstContactResolution = f.FirstContactResolution,
            ContactCount = f.ContactCount,
        });
    }

    private Rejection? CheckOccurredAt(ref RawFields f, out DateTimeOffset occurredAt)
    {
        if (f.OccurredAtAccepted is { } accepted)
        {
            occurredAt = accepted;
            return null;
        }
        // not accepted while reading: say why, quoting the text
        if (!TryParseTimestamp(f.OccurredAt, out occurredAt))
            return new Rejection(RejectionReason.InvalidField, $"field 'occurredAt' must be an ISO-8601 timestamp with an offset (e.g. 2026-03-01T09:30:00+01:00), got '{Shorten(f.OccurredAt!)}'");
        if (occurredAt < limits.EarliestOccurredAt)
            return new Rejection(RejectionReason.InvalidField, $"occurredAt {f.OccurredAt} is before {limits.EarliestOccurredAt:yyyy-MM-dd}, the earliest accepted date");
        if (occurredAt > clock.GetUtcNow() + limits.MaxFutureSkew)
            return new Rejection(RejectionReason.FutureTimestamp, $"occurredAt {f.OccurredAt} is more than {Describe(limits.MaxFutureSkew)} in the future");
        return null;
    }

    private Rejection? CheckSite(ref RawFields f) =>
        f.SiteKnown || catalog.TryGetSite(f.SiteId!, out _)
            ? null
            : new Rejection(RejectionReason.UnknownSite, $"site '{Shorten(f.SiteId!)}' is not in the site registry");

    private static Rejection MissingRejection(string field) =>
        new(RejectionReason.MissingField, $"required field '{field}' is missing or empty");

    private static ParseOutcome Missing(string field) => new(null, MissingRejection(field));

    /// <summary>ISO-8601 with an explicit offset ('Z' or ±hh:mm): a timestamp without one is ambiguous.</summary>
    internal static bool TryParseTimestamp(ReadOnlySpan<char> t, out DateTimeOffset value)
    {
        value = default;
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

    /// <summary>How many properties the object at the reader has (read on a copy of the reader; at most a limit beyond the maximum).</summary>
    private int CountProperties(Utf8JsonReader probe)
    {
        var count = 0;
        try
        {
            while (count <= limits.MaxRatings && probe.Read() && probe.TokenType == JsonTokenType.PropertyName)
            {
                count++;
                probe.Read();
                probe.Skip();
            }
        }
        catch (JsonException)
        {
            // the real read reports it, in its own order
        }
        return Math.Min(count, limits.MaxRatings + 1);
    }

    /// <summary>The fields as read, before validation: a struct on the parser's stack.</summary>
    private struct RawFields
    {
        public string? EventId, SiteId, Channel, OccurredAt, Touchpoint, CustomerId, JourneyId, Language, Comment;
        public string? Type, AccountId, ContactRole, Department, Scope, Step, Reason, Outcome;
        public string? Text, IncidentType, EndedAt, ReporterRole, AttributeId, Topic, Platform, Url, UnitId;
        public double? Magnitude, Sentiment, HandlingSeconds;
        public long? Reach;
        public bool? FirstContactResolution;
        public int? Nps, Csat, Ces, ContactCount;
        public RatingDictionary? Ratings;

        /// <summary>True when <see cref="SiteId"/> was found in the registry while reading.</summary>
        public bool SiteKnown;

        /// <summary>The timestamp when it was read and accepted already (its text is then not kept).</summary>
        public DateTimeOffset? OccurredAtAccepted;
    }
}
