namespace StreamCx.IntegrationTests.Live;

/// <summary>Where tests keep artifacts: the repository's TestResults/ folder (git-ignored; tests/test.sh reports it).</summary>
public static class TestArtifacts
{
    public static string PathOf(string fileName)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "StreamCx.sln"))) dir = dir.Parent;
        var results = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "TestResults");
        Directory.CreateDirectory(results);
        return Path.Combine(results, fileName);
    }
}
