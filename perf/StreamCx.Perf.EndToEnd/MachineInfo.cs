using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;

namespace StreamCx.Perf.EndToEnd;

/// <summary>What the figures were measured on, and from which commit.</summary>
public sealed record MachineInfo(
    string DateUtc, string Commit, string Cpu, int Cores, double MemoryGiB, string Os, string Dotnet, string Gc, string Librdkafka)
{
    public static MachineInfo Describe()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var memKb = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var os = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"') : null;
        return new MachineInfo(
            DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), ReadCommit(), cpu, Environment.ProcessorCount,
            Math.Round(long.Parse(memKb, CultureInfo.InvariantCulture) / 1048576.0, 1), $"{os ?? RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})",
            RuntimeInformation.FrameworkDescription, GCSettings.IsServerGC ? "server" : "workstation", Confluent.Kafka.Library.VersionString);
    }

    /// <summary>The machine's load average (1, 5, 15 min) now.</summary>
    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static string ReadCommit()
    {
        var (commit, _) = ChildProcess.Run("git", ["rev-parse", "--short", "HEAD"]);
        var (status, _) = ChildProcess.Run("git", ["status", "--porcelain", "--untracked-files=no"]);
        return commit.Trim() + (status.Trim().Length > 0 ? " (with uncommitted changes)" : "");
    }
}
