namespace StreamCx.Host.Configuration;

/// <summary>Configuration section "ReferenceData": where the site registry, the attribute catalog and the department catalog are.</summary>
public sealed class ReferenceDataSettings
{
    public string SitesFile { get; set; } = "config/sites.json";
    public string AttributesFile { get; set; } = "config/attributes.json";

    /// <summary>Empty: no department catalog (every department is then kept and flagged unknown).</summary>
    public string DepartmentsFile { get; set; } = "config/departments.json";

    /// <summary>A relative path is looked up from the working directory, then beside the executable.</summary>
    public static string Resolve(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || Path.IsPathRooted(path) || File.Exists(path)) return path;
        var besideExecutable = Path.Combine(AppContext.BaseDirectory, path);
        return File.Exists(besideExecutable) ? besideExecutable : path;
    }
}
