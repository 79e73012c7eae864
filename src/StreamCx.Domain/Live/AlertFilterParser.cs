using System.Globalization;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Domain.Live;

/// <summary>
/// Reads an <see cref="AlertFilter"/> from query parameters <c>region</c>, <c>site</c>, <c>attribute</c>,
/// <c>minSeverity</c> (a number from 0 to 1, or a level: low, medium, high, critical) and <c>kind</c> (a factor kind, or
/// <c>journey</c>: see <see cref="AlertKinds"/>). Every value is checked against the reference data and the factor kinds:
/// a typo is an error, never a filter that silently shows nothing (or everything).
/// </summary>
public static class AlertFilterParser
{
    public const string Region = "region", Site = "site", Attribute = "attribute", MinSeverity = "minSeverity", Kind = "kind";

    private static readonly string[] Known = [Region, Site, Attribute, MinSeverity, Kind];

    /// <summary>Severity thresholds of the level names (see <c>Severity.LevelOf</c>).</summary>
    public static IReadOnlyDictionary<string, double> LevelThresholds { get; } = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase)
    {
        ["low"] = 0, ["medium"] = 0.25, ["high"] = 0.5, ["critical"] = 0.75,
    };

    /// <param name="query">Parameter name → its values, as the request gave them.</param>
    /// <param name="catalog">The known regions, sites and attributes.</param>
    /// <returns>The filter, or the errors (each naming its parameter).</returns>
    public static (AlertFilter? Filter, IReadOnlyList<string> Errors) Parse(IReadOnlyDictionary<string, IReadOnlyList<string?>> query, ReferenceCatalog catalog)
    {
        var errors = new List<string>();
        foreach (var key in query.Keys)
            if (!Known.Contains(key, StringComparer.Ordinal))
                errors.Add($"unknown parameter '{Printable(key)}' (known: {string.Join(", ", Known)})");

        string? Single(string key)
        {
            if (!query.TryGetValue(key, out var values) || values.Count == 0) return null;
            if (values.Count > 1) { errors.Add($"{key}: give it at most once"); return null; }
            var value = values[0]?.Trim();
            return string.IsNullOrEmpty(value) ? null : value;
        }

        var region = Single(Region);
        if (region is not null && !catalog.Regions.Contains(region, StringComparer.Ordinal)) errors.Add($"{Region}: unknown region '{Printable(region)}'");
        var site = Single(Site);
        if (site is not null)
        {
            if (!catalog.TryGetSite(site, out var s)) errors.Add($"{Site}: unknown site '{Printable(site)}'");
            else if (region is not null && s.RegionId != region) errors.Add($"{Site}: site '{site}' is not in region '{Printable(region)}'");
        }
        var attribute = Single(Attribute);
        if (attribute is not null && !catalog.TryGetAttribute(attribute, out _) && !PseudoAttributes.Contains(attribute, StringComparer.Ordinal))
            errors.Add($"{Attribute}: unknown attribute '{Printable(attribute)}'");
        var minSeverity = 0.0;
        if (Single(MinSeverity) is { } text && !TryParseSeverity(text, out minSeverity))
            errors.Add($"{MinSeverity}: expected a number from 0 to 1 or one of low, medium, high, critical; got '{Printable(text)}'");
        var kind = Single(Kind);
        if (kind is not null && !AlertKinds.IsKnown(kind))
            errors.Add($"{Kind}: unknown kind '{Printable(kind)}' (known: {string.Join(", ", AlertKinds.Names)})");

        return errors.Count > 0 ? (null, errors) : (new AlertFilter(region, site, attribute, minSeverity, kind), errors);
    }

    /// <summary>The attribute ids of alerts that are not about a rated attribute: journeys, accounts, complaints, social mentions, staff reports, incidents.</summary>
    public static IReadOnlyList<string> PseudoAttributes { get; } =
    [
        Journeys.JourneyAlertComposer.JourneyAttributeId, Journeys.JourneyAlertComposer.AccountAttributeId,
        Complaints.ComplaintAlerts.ComplaintsAttributeId, Social.SocialAlerts.SocialAttributeId, Complaints.InternalReportWording.InternalAttributeId,
        Incidents.IncidentWording.IncidentsAttributeId,
    ];

    public static bool TryParseSeverity(string text, out double severity)
    {
        if (LevelThresholds.TryGetValue(text, out severity)) return true;
        return double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out severity)
            && double.IsFinite(severity) && severity is >= 0 and <= 1;
    }

    /// <summary>At most 60 characters of a value for an error message, without control characters.</summary>
    public static string Printable(string value) =>
        new(value.Take(60).Select(c => char.IsControl(c) || char.IsSurrogate(c) ? '?' : c).ToArray());
}
