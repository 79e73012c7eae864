namespace StreamCx.Domain.Tests.TestSupport;

/// <summary>Finds the repository root: the first folder above the test binaries that holds StreamCx.sln.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Config(string fileName) => Path.Combine(Root, "config", fileName);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "StreamCx.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no folder above {AppContext.BaseDirectory} holds StreamCx.sln");
    }
}
