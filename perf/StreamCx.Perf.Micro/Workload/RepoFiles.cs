using StreamCx.Domain.ReferenceData;

namespace StreamCx.Perf.Micro.Workload;

/// <summary>
/// The repository's own reference data. Benchmarks run in a child process whose folder is deep under bin/, so the
/// root is found by walking up to the folder that holds config/sites.json and StreamCx.sln.
/// </summary>
public static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    /// <summary>The catalog the engine loads at start (config/sites.json, config/attributes.json).</summary>
    public static ReferenceCatalog Catalog() =>
        ReferenceDataLoader.Load(Path.Combine(Root, "config", "sites.json"), Path.Combine(Root, "config", "attributes.json"));

    private static string FindRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "StreamCx.sln")) && File.Exists(Path.Combine(dir.FullName, "config", "sites.json")))
                    return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("run from inside the StreamCx repository: no parent folder holds StreamCx.sln and config/sites.json");
    }
}
