using System.Text.Json;

namespace StreamCx.Domain.ReferenceData;

/// <summary>Reads and validates the sites, attributes and departments files; every problem is reported with its place.</summary>
public static class ReferenceDataLoader
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <param name="departmentsFile">The department catalog; none (null or empty) means every department is flagged unknown.</param>
    public static ReferenceCatalog Load(string sitesFile, string attributesFile, string? departmentsFile = null) =>
        new(LoadSites(ReadFile(sitesFile, "sites")), LoadAttributes(ReadFile(attributesFile, "attributes")),
            string.IsNullOrEmpty(departmentsFile) ? [] : LoadDepartments(ReadFile(departmentsFile, "departments")));

    public static IReadOnlyList<Department> LoadDepartments(string json, string source = "departments file")
    {
        var departments = Deserialize<Department>(json, source);
        var errors = new List<string>();
        for (var i = 0; i < departments.Count; i++)
        {
            var d = departments[i];
            if (d is null) { errors.Add($"entry {i} is null"); continue; }
            RequireIdentifier(d.DepartmentId, $"entry {i}: departmentId", errors);
            RequireText(d.Label, $"entry {i} ({d.DepartmentId}): label", errors);
        }
        AddDuplicates(departments.Where(d => d is not null).Select(d => d.DepartmentId), "departmentId", errors);
        return Checked(departments, errors, source);
    }

    public static IReadOnlyList<Site> LoadSites(string json, string source = "sites file")
    {
        var sites = Deserialize<Site>(json, source);
        var errors = new List<string>();
        for (var i = 0; i < sites.Count; i++)
        {
            var s = sites[i];
            if (s is null) { errors.Add($"entry {i} is null"); continue; }
            RequireIdentifier(s.SiteId, $"entry {i}: siteId", errors);
            RequireText(s.Name, $"entry {i} ({s.SiteId}): name", errors);
            RequireIdentifier(s.RegionId, $"entry {i} ({s.SiteId}): regionId", errors);
            if (s.TimeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(s.TimeZone, out _))
                errors.Add($"entry {i} ({s.SiteId}): timeZone '{Printable(s.TimeZone)}' is not a known IANA time zone (e.g. Europe/Paris)");
        }
        AddDuplicates(sites.Where(s => s is not null).Select(s => s.SiteId), "siteId", errors);
        return Checked(sites, errors, source);
    }

    public static IReadOnlyList<AttributeDefinition> LoadAttributes(string json, string source = "attributes file")
    {
        var attributes = Deserialize<AttributeDefinition>(json, source);
        var errors = new List<string>();
        for (var i = 0; i < attributes.Count; i++)
        {
            var a = attributes[i];
            if (a is null) { errors.Add($"entry {i} is null"); continue; }
            RequireIdentifier(a.AttributeId, $"entry {i}: attributeId", errors);
            RequireText(a.Label, $"entry {i} ({a.AttributeId}): label", errors);
            if (!double.IsFinite(a.Min) || !double.IsFinite(a.Max) || a.Min >= a.Max)
                errors.Add($"entry {i} ({a.AttributeId}): min ({a.Min}) must be below max ({a.Max})");
            else if (a.DissatisfiedAtOrBelow < a.Min || a.DissatisfiedAtOrBelow >= a.Max)
                errors.Add($"entry {i} ({a.AttributeId}): dissatisfiedAtOrBelow ({a.DissatisfiedAtOrBelow}) must be in [min, max)");
        }
        AddDuplicates(attributes.Where(a => a is not null).Select(a => a.AttributeId), "attributeId", errors);
        return Checked(attributes, errors, source);
    }

    private static string ReadFile(string path, string what)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ReferenceDataException($"no {what} file was given");
        if (!File.Exists(path)) throw new ReferenceDataException($"{what} file '{path}' does not exist");
        return File.ReadAllText(path);
    }

    private static List<T> Deserialize<T>(string json, string source)
    {
        try
        {
            var items = JsonSerializer.Deserialize<List<T>>(json, Json);
            if (items is null || items.Count == 0) throw new ReferenceDataException($"{source}: expected a non-empty JSON array");
            return items;
        }
        catch (JsonException e)
        {
            throw new ReferenceDataException($"{source}: not a valid JSON array of entries ({e.Message})");
        }
    }

    private static void RequireIdentifier(string? value, string what, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add($"{what} is missing");
        else if (value.Length > 200 || value.Any(char.IsControl) || value != value.Trim())
            errors.Add($"{what} '{Printable(value)}' must be at most 200 characters with no control characters or surrounding spaces");
    }

    private static void RequireText(string? value, string what, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add($"{what} is missing");
    }

    private static void AddDuplicates(IEnumerable<string?> ids, string what, List<string> errors)
    {
        foreach (var g in ids.Where(id => id is not null).GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1))
            errors.Add($"{what} '{g.Key}' appears {g.Count()} times");
    }

    private static IReadOnlyList<T> Checked<T>(List<T> items, List<string> errors, string source) =>
        errors.Count == 0 ? items : throw new ReferenceDataException($"{source} is invalid: {string.Join("; ", errors)}");

    private static string Printable(string value) =>
        new(value.Take(60).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}

public sealed class ReferenceDataException(string message) : Exception(message);
