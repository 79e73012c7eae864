namespace StreamCx.Domain.ReferenceData;

/// <summary>Where the listening catalogs are; a file not given (null or empty) is an empty catalog: every value of it is flagged.</summary>
public sealed record ListeningFiles(string? ComplaintReasons = null, string? IncidentTypes = null, string? ReporterRoles = null, string? Platforms = null);

/// <summary>The listening catalogs: complaint reasons, incident types, reporter roles, social platforms.</summary>
public static partial class ReferenceDataLoader
{
    public static ListeningCatalog LoadListening(ListeningFiles files) => new(
        string.IsNullOrEmpty(files.ComplaintReasons) ? [] : LoadComplaintReasons(ReadFile(files.ComplaintReasons, "complaint reasons")),
        string.IsNullOrEmpty(files.IncidentTypes) ? [] : LoadIncidentTypes(ReadFile(files.IncidentTypes, "incident types")),
        string.IsNullOrEmpty(files.ReporterRoles) ? [] : LoadReporterRoles(ReadFile(files.ReporterRoles, "reporter roles")),
        string.IsNullOrEmpty(files.Platforms) ? [] : LoadPlatforms(ReadFile(files.Platforms, "platforms")));

    public static IReadOnlyList<ComplaintReason> LoadComplaintReasons(string json, string source = "complaint reasons file") =>
        LoadEntries<ComplaintReason>(json, source, "reasonId", r => r.ReasonId, (r, at, errors) =>
        {
            RequireText(r.Label, $"{at}: label", errors);
            if (r.AttributeId is not null) RequireIdentifier(r.AttributeId, $"{at}: attributeId", errors);
        });

    public static IReadOnlyList<IncidentType> LoadIncidentTypes(string json, string source = "incident types file") =>
        LoadEntries<IncidentType>(json, source, "incidentTypeId", t => t.IncidentTypeId, (t, at, errors) =>
        {
            RequireText(t.Label, $"{at}: label", errors);
            for (var i = 0; i < t.AffectedAttributes.Count; i++) RequireIdentifier(t.AffectedAttributes[i], $"{at}: affects[{i}]", errors);
            AddDuplicates(t.AffectedAttributes, $"{at}: affected attribute", errors);
            if (t.MagnitudeUnit is not null && (t.MagnitudeUnit.Length > 50 || t.MagnitudeUnit.Any(char.IsControl)))
                errors.Add($"{at}: magnitudeUnit must be at most 50 characters with no control characters");
        });

    public static IReadOnlyList<ReporterRole> LoadReporterRoles(string json, string source = "reporter roles file") =>
        LoadEntries<ReporterRole>(json, source, "roleId", r => r.RoleId, (r, at, errors) => RequireText(r.Label, $"{at}: label", errors));

    public static IReadOnlyList<SocialPlatform> LoadPlatforms(string json, string source = "platforms file") =>
        LoadEntries<SocialPlatform>(json, source, "platformId", p => p.PlatformId, (p, at, errors) => RequireText(p.Label, $"{at}: label", errors));
}
