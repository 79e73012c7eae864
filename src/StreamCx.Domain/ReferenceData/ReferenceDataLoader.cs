using System.Text.Json;

namespace StreamCx.Domain.ReferenceData;

/// <summary>Reads and validates the sites, attributes and departments files; every problem is reported with its place.</summary>
public static partial class ReferenceDataLoader
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <param name="departmentsFile">The department catalog; none (null or empty) means every department is flagged unknown.</param>
    /// <param name="listening">The listening catalogs; none means every reason, incident type, reporter role and platform is flagged.</param>
    public static ReferenceCatalog Load(string sitesFile, string attributesFile, string? departmentsFile = null, ListeningFiles? listening = null) =>
        new(LoadSites(ReadFile(sitesFile, "sites")), LoadAttributes(ReadFile(attributesFile, "attributes")),
            string.IsNullOrEmpty(departmentsFile) ? [] : LoadDepartments(ReadFile(departmentsFile, "departments")))
        {
            Listening = listening is null ? ListeningCatalog.Empty : LoadListening(listening),
        };

    public static IReadOnlyList<Department> LoadDepartments(string json, string source = "departments file") =>
        LoadEntries<Department>(json, source, "departmentId", d => d.DepartmentId, (d, at, errors) => RequireText(d.Label, $"{at}: label", errors));

    public static IReadOnlyList<Site> LoadSites(string json, string source = "sites file") =>
        LoadEntries<Site>(json, source, "siteId", s => s.SiteId, (s, at, errors) =>
        {
            RequireText(s.Name, $"{at}: name", errors);
            RequireIdentifier(s.RegionId, $"{at}: regionId", errors);
            if (s.TimeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(s.TimeZone, out _))
                errors.Add($"{at}: timeZone '{Printable(s.TimeZone)}' is not a known IANA time zone (e.g. Europe/Paris)");
        });

    public static IReadOnlyList<AttributeDefinition> LoadAttributes(string json, string source = "attributes file") =>
        LoadEntries<AttributeDefinition>(json, source, "attributeId", a => a.AttributeId, (a, at, errors) =>
        {
            RequireText(a.Label, $"{at}: label", errors);
            if (!double.IsFinite(a.Min) || !double.IsFinite(a.Max) || a.Min >= a.Max)
                errors.Add($"{at}: min ({a.Min}) must be below max ({a.Max})");
            else if (a.DissatisfiedAtOrBelow < a.Min || a.DissatisfiedAtOrBelow >= a.Max)
                errors.Add($"{at}: dissatisfiedAtOrBelow ({a.DissatisfiedAtOrBelow}) must be in [min, max)");
        });

    /// <summary>
    /// The entries of one file, each checked (its id, then <paramref name="check"/> with "entry i (id)" to name it), ids
    /// unique; every problem reported at once.
    /// </summary>
    private static IReadOnlyList<T> LoadEntries<T>(string json, string source, string idName, Func<T, string?> id, Action<T, string, List<string>> check)
        where T : class
    {
        var entries = Deserialize<T>(json, source);
        var errors = new List<string>();
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            if (e is null) { errors.Add($"entry {i} is null"); continue; }
            RequireIdentifier(id(e), $"entry {i}: {idName}", errors);
            check(e, $"entry {i} ({id(e)})", errors);
        }
        AddDuplicates(entries.Where(e => e is not null).Select(id), idName, errors);
        return Checked(entries, errors, source);
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
