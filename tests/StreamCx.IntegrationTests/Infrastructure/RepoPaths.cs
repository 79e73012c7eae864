namespace StreamCx.IntegrationTests.Infrastructure;

/// <summary>Files of the repository, found from the test output folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>tests/kafka/broker.sh: starts and stops the real Kafka broker.</summary>
    public static string BrokerScript => Path.Combine(Root, "tests", "kafka", "broker.sh");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StreamCx.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"StreamCx.sln not found above {AppContext.BaseDirectory}");
    }
}
