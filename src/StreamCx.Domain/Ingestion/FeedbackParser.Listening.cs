using System.Globalization;
using System.Text.Json;
using StreamCx.Domain.Contracts;

namespace StreamCx.Domain.Ingestion;

/// <summary>
/// The listening sources (<c>complaint</c>, <c>incident</c>, <c>internal-report</c>, <c>social-mention</c>) and the service
/// fields of feedback (<c>unitId</c>, <c>handlingSeconds</c>, <c>firstContactResolution</c>, <c>contactCount</c>).
/// </summary>
public sealed partial class FeedbackParser
{
    /// <summary>Bounds of the numbers these messages carry: beyond them a value is a mistake, refused as out of scale.</summary>
    internal const double MaxMagnitude = 1e9, MaxHandlingSeconds = 86_400;

    internal const long MaxReach = 100_000_000_000;

    internal const int MaxContactCount = 1000;

    private Rejection? ReadListeningField(int field, ref Utf8JsonReader reader, ref RawFields f)
    {
        var name = FieldNames[field];
        return field switch
        {
            21 => ReadString(ref reader, name, limits.MaxCommentLength, out f.Text),
            22 => ReadLabel(ref reader, name, limits.MaxTextLength, out f.IncidentType),
            23 => ReadNumber(ref reader, name, 0, MaxMagnitude, out f.Magnitude),
            24 => ReadString(ref reader, name, limits.MaxTextLength, out f.EndedAt),
            25 => ReadLabel(ref reader, name, limits.MaxTextLength, out f.ReporterRole),
            26 => ReadString(ref reader, name, limits.MaxIdLength, out f.AttributeId),
            27 => ReadLabel(ref reader, name, limits.MaxTextLength, out f.Topic),
            28 => ReadNumber(ref reader, name, ListeningTypes.MinSentiment, ListeningTypes.MaxSentiment, out f.Sentiment),
            29 => ReadLabel(ref reader, name, limits.MaxTextLength, out f.Platform),
            30 => ReadCount(ref reader, name, 0, MaxReach, out f.Reach),
            31 => ReadString(ref reader, name, limits.MaxUrlLength, out f.Url),
            32 => ReadString(ref reader, name, limits.MaxIdLength, out f.UnitId),
            33 => ReadNumber(ref reader, name, 0, MaxHandlingSeconds, out f.HandlingSeconds),
            34 => ReadBoolean(ref reader, name, out f.FirstContactResolution),
            _ => ReadScore(ref reader, name, 1, MaxContactCount, out f.ContactCount),
        };
    }

    private ParseOutcome ValidateComplaint(ref RawFields f)
    {
        if (CheckSiteFields(ref f, out var occurredAt) is { } rejected) return new ParseOutcome(null, rejected);
        if (string.IsNullOrWhiteSpace(f.Channel)) return Missing("channel");
        if (string.IsNullOrWhiteSpace(f.Reason)) return Missing("reason");
        return ParseOutcome.Valid(new Complaint(f.EventId!, occurredAt, f.Channel, f.Reason)
        {
            SiteId = f.SiteId,
            Text = f.Text,
            CustomerId = NullIfBlank(f.CustomerId),
            JourneyId = NullIfBlank(f.JourneyId),
            Flags = catalog.Listening.IsKnownReason(f.Reason) ? CatalogFlags.None : CatalogFlags.UnknownReason,
        });
    }

    private ParseOutcome ValidateIncident(ref RawFields f)
    {
        if (CheckSiteFields(ref f, out var occurredAt) is { } rejected) return new ParseOutcome(null, rejected);
        if (string.IsNullOrWhiteSpace(f.IncidentType)) return Missing("incidentType");
        DateTimeOffset? endedAt = null;
        if (f.EndedAt is not null)
        {
            if (!TryParseTimestamp(f.EndedAt, out var ended))
                return ParseOutcome.Rejected(RejectionReason.InvalidField, $"field 'endedAt' must be an ISO-8601 timestamp with an offset, got '{Shorten(f.EndedAt)}'");
            if (ended < occurredAt)
                return ParseOutcome.Rejected(RejectionReason.InvalidField, $"field 'endedAt' ({Shorten(f.EndedAt)}) is before occurredAt: an incident cannot end before it starts");
            endedAt = ended;
        }
        return ParseOutcome.Valid(new Incident(f.EventId!, occurredAt, f.IncidentType)
        {
            SiteId = f.SiteId,
            Text = f.Text,
            Magnitude = f.Magnitude,
            EndedAt = endedAt,
            Flags = catalog.Listening.IsKnownIncidentType(f.IncidentType) ? CatalogFlags.None : CatalogFlags.UnknownIncidentType,
        });
    }

    private ParseOutcome ValidateInternalReport(ref RawFields f)
    {
        if (CheckSiteFields(ref f, out var occurredAt) is { } rejected) return new ParseOutcome(null, rejected);
        if (string.IsNullOrWhiteSpace(f.ReporterRole)) return Missing("reporterRole");
        var attributeId = NullIfBlank(f.AttributeId);
        var topic = NullIfBlank(f.Topic);
        if (attributeId is null && topic is null)
            return ParseOutcome.Rejected(RejectionReason.MissingField, "an internal report needs 'attributeId' or 'topic': both are missing or empty");
        if (attributeId is not null && !catalog.TryGetAttribute(attributeId, out _))
            return ParseOutcome.Rejected(RejectionReason.UnknownAttribute, $"attribute '{Shorten(attributeId)}' is not in the attribute catalog (a free subject goes in 'topic')");
        if (f.Sentiment is not { } sentiment) return Missing("sentiment");
        if (string.IsNullOrWhiteSpace(f.Text)) return Missing("text");
        return ParseOutcome.Valid(new InternalReport(f.EventId!, occurredAt, f.ReporterRole, sentiment)
        {
            SiteId = f.SiteId,
            Text = f.Text,
            AttributeId = attributeId,
            Topic = topic,
            Flags = catalog.Listening.IsKnownReporterRole(f.ReporterRole) ? CatalogFlags.None : CatalogFlags.UnknownReporterRole,
        });
    }

    private ParseOutcome ValidateSocialMention(ref RawFields f)
    {
        if (CheckSignalFields(ref f, out var occurredAt) is { } rejected) return new ParseOutcome(null, rejected); // the site is optional
        if (string.IsNullOrWhiteSpace(f.Platform)) return Missing("platform");
        if (f.Sentiment is not { } sentiment) return Missing("sentiment");
        if (f.Reach is not { } reach) return Missing("reach");
        if (string.IsNullOrWhiteSpace(f.Text)) return Missing("text");
        if (string.IsNullOrWhiteSpace(f.Url)) return Missing("url");
        if (!IsWebAddress(f.Url))
            return ParseOutcome.Rejected(RejectionReason.InvalidField, $"field 'url' must be an absolute http or https address, got '{Shorten(f.Url)}'");
        return ParseOutcome.Valid(new SocialMention(f.EventId!, occurredAt, f.Platform, sentiment, reach, f.Url)
        {
            SiteId = f.SiteId,
            Text = f.Text,
            Flags = catalog.Listening.IsKnownPlatform(f.Platform) ? CatalogFlags.None : CatalogFlags.UnknownPlatform,
        });
    }

    /// <summary>What every listening message about a site needs: a site (in the registry) and a time.</summary>
    private Rejection? CheckSiteFields(ref RawFields f, out DateTimeOffset occurredAt)
    {
        occurredAt = default;
        return string.IsNullOrWhiteSpace(f.SiteId) ? MissingRejection("siteId") : CheckSignalFields(ref f, out occurredAt);
    }

    /// <summary>Only http and https: a page may link it, and any other scheme (javascript:, data:) could run there.</summary>
    private static bool IsWebAddress(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !url.Any(char.IsControl) && !url.Any(char.IsWhiteSpace);

    private static Rejection? ReadNumber(ref Utf8JsonReader reader, string name, double min, double max, out double? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var v) || !double.IsFinite(v))
            return new Rejection(RejectionReason.InvalidField, $"field '{name}' must be a number from {Format(min)} to {Format(max)}, got {Describe(reader.TokenType)}");
        if (v < min || v > max)
            return new Rejection(RejectionReason.OutOfScale, $"field '{name}' must be from {Format(min)} to {Format(max)}, got {Format(v)}");
        value = v;
        return null;
    }

    private static Rejection? ReadCount(ref Utf8JsonReader reader, string name, long min, long max, out long? value) =>
        ReadInteger(ref reader, name, min, max, long.MaxValue, out value);

    private static Rejection? ReadBoolean(ref Utf8JsonReader reader, string name, out bool? value)
    {
        value = reader.TokenType switch { JsonTokenType.True => true, JsonTokenType.False => false, _ => null };
        return value is not null || reader.TokenType == JsonTokenType.Null
            ? null
            : new Rejection(RejectionReason.InvalidField, $"field '{name}' must be true or false, got {Describe(reader.TokenType)}");
    }

    private static string Format(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
