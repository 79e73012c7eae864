using System.Globalization;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Domain.Complaints;

/// <summary>What a surge of counts at a site is about, and how its alert reads: the subject's attribute, factor and sentence.</summary>
public interface ISurgeWording
{
    /// <summary>The subject's part of the alert id (distinct across kinds).</summary>
    string AlertKey(string key);

    /// <summary>The attribute the alert is shown under (a pseudo-attribute when the subject bears on none the catalog has).</summary>
    (string Id, string Label) Attribute(string key);

    /// <summary>The attribute the incidents cited bear on (null: none are cited).</summary>
    string? CitedAttribute(string key);

    Factor Factor(string key, SurgeReading r, IReadOnlyList<IncidentEvidence> cited);

    /// <summary>"Complaints for "Long wait" at Lille Centre", "Staff reports on Delivery at Lille Centre".</summary>
    string Subject(string key, string site);

    /// <summary>What follows from a surge, said after it (empty: nothing more).</summary>
    string Consequence(string key) => "";
}

/// <summary>Complaints counted by reason (<c>complaints</c> factor).</summary>
public sealed class ComplaintWording(ReferenceCatalog catalog) : ISurgeWording
{
    public string AlertKey(string key) => "complaint:" + key;

    public (string Id, string Label) Attribute(string key) =>
        catalog.Listening.TryGetReason(key, out var reason) && reason.AttributeId is { } id && catalog.TryGetAttribute(id, out var a)
            ? (a.AttributeId, a.Label)
            : (ComplaintAlerts.ComplaintsAttributeId, ComplaintAlerts.ComplaintsAttributeLabel);

    public string? CitedAttribute(string key) => catalog.Listening.TryGetReason(key, out var reason) ? reason.AttributeId : null;

    public Factor Factor(string key, SurgeReading r, IReadOnlyList<IncidentEvidence> cited)
    {
        var catalogued = catalog.Listening.TryGetReason(key, out var reason);
        return SurgeNumbers.Of(new ComplaintsFactor(key, catalogued ? reason.Label : key, catalogued), r, cited);
    }

    public string Subject(string key, string site)
    {
        var catalogued = catalog.Listening.TryGetReason(key, out var reason);
        return $"Complaints for \"{(catalogued ? reason.Label : key)}\"{(catalogued ? "" : " (uncatalogued reason)")} at {site}";
    }
}

/// <summary>Negative staff reports counted by attribute (key: its id) or topic (key: <c>topic:</c> and the topic) (<c>internal</c> factor).</summary>
public sealed class InternalReportWording(ReferenceCatalog catalog) : ISurgeWording
{
    public const string InternalAttributeId = "internal";
    public const string InternalAttributeLabel = "Staff reports";
    public const string TopicPrefix = "topic:";

    public string AlertKey(string key) => "internal:" + key;

    public (string Id, string Label) Attribute(string key) =>
        catalog.TryGetAttribute(key, out var a) ? (a.AttributeId, a.Label) : (InternalAttributeId, InternalAttributeLabel);

    public string? CitedAttribute(string key) => catalog.TryGetAttribute(key, out _) ? key : null;

    public Factor Factor(string key, SurgeReading r, IReadOnlyList<IncidentEvidence> cited)
    {
        var topic = key.StartsWith(TopicPrefix, StringComparison.Ordinal);
        return SurgeNumbers.Of(new InternalFactor(topic ? null : key, topic ? key[TopicPrefix.Length..] : null), r, cited);
    }

    /// <summary>A key on the staff reports board: an attribute of the catalog (its label), or a free topic (as given, not catalogued).</summary>
    public (string Label, bool Catalogued, string? AttributeId) Describe(string key) =>
        catalog.TryGetAttribute(key, out var a) ? (a.Label, true, a.AttributeId)
        : (key.StartsWith(TopicPrefix, StringComparison.Ordinal) ? key[TopicPrefix.Length..] : key, false, null);

    public string Subject(string key, string site) =>
        $"Negative staff reports on {(key.StartsWith(TopicPrefix, StringComparison.Ordinal) ? $"\"{key[TopicPrefix.Length..]}\"" : catalog.TryGetAttribute(key, out var a) ? a.Label : key)} at {site}";
}

internal static class SurgeNumbers
{
    /// <summary>The factor with the reading's numbers and the incidents cited.</summary>
    public static T Of<T>(T factor, SurgeReading r, IReadOnlyList<IncidentEvidence> cited) where T : CountSurgeFactor => factor with
    {
        Count = r.Count,
        SpanHours = r.SpanHours,
        Expected = Round(r.Expected),
        UsualPerDay = Round(r.OwnPerHour * 24),
        PeersPerDay = r.PeersPerHour is { } p ? Round(p * 24) : null,
        PeerCount = r.PeerCount,
        Ratio = Round(Math.Min(r.Ratio, 1e6)),
        PValue = r.PValue,
        Incidents = cited.Count > 0 ? cited : null,
    };

    public static double Round(double v) => Math.Round(v, 3);

    public static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
