namespace StreamCx.Host.Configuration;

/// <summary>Configuration section "ReferenceData": where the site registry, the attribute catalog and the department catalog are.</summary>
public sealed class ReferenceDataSettings
{
    public string SitesFile { get; set; } = "config/sites.json";
    public string AttributesFile { get; set; } = "config/attributes.json";

    /// <summary>Empty: no department catalog (every department is then kept and flagged unknown).</summary>
    public string DepartmentsFile { get; set; } = "config/departments.json";

    /// <summary>The listening catalogs; an empty path means no catalog (every value of it is kept and flagged uncatalogued).</summary>
    public string ComplaintReasonsFile { get; set; } = "config/complaint-reasons.json";

    public string IncidentTypesFile { get; set; } = "config/incident-types.json";

    public string ReporterRolesFile { get; set; } = "config/reporter-roles.json";

    public string PlatformsFile { get; set; } = "config/platforms.json";

    /// <summary>The listening catalogs' paths, resolved.</summary>
    public Domain.ReferenceData.ListeningFiles ListeningFiles() =>
        new(Resolve(ComplaintReasonsFile), Resolve(IncidentTypesFile), Resolve(ReporterRolesFile), Resolve(PlatformsFile));

    /// <summary>A relative path is looked up from the working directory, then beside the executable.</summary>
    public static string Resolve(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || Path.IsPathRooted(path) || File.Exists(path)) return path;
        var besideExecutable = Path.Combine(AppContext.BaseDirectory, path);
        return File.Exists(besideExecutable) ? besideExecutable : path;
    }
}
