using System.Globalization;
using System.Text.RegularExpressions;
using StreamCx.Perf.Kafka;

namespace StreamCx.Perf.EndToEnd;

/// <summary>
/// Step 4: the workload as a JSON-lines file, then <c>streamcx replay</c> (the Release build of src/StreamCx.Host) as a
/// child process, a few times; wall clock of the process (start, JIT, read, sort, process, write) and the rate it reports.
/// </summary>
public static partial class Replay
{
    public static ReplayResult Measure(Workload workload, int runCount)
    {
        var host = Path.Combine(Repo.Root, "src", "StreamCx.Host", "bin", "Release", "net10.0", "streamcx.dll");
        if (!File.Exists(host))
        {
            throw new FileNotFoundException("build the host in Release first (dotnet build -c Release StreamCx.sln)", host);
        }

        var folder = Directory.CreateTempSubdirectory("streamcx-e2e-replay-").FullName;
        var input = Path.Combine(folder, "events.jsonl");
        var output = Path.Combine(folder, "alerts.jsonl");
        workload.WriteJsonLines(input);
        Console.WriteLine($"[4] {workload.Events.Count:N0} events in {input} ({new FileInfo(input).Length / 1048576.0:N1} MiB)");
        var runs = new List<ReplayRun>();
        long alerts = 0;
        for (var i = 0; i < runCount; i++)
        {
            var (stdout, elapsed) = ChildProcess.Run(
                "dotnet", [host, "replay", "--input", input, "--output", output, "--sites", Workload.SitesFile, "--attributes", Workload.AttributesFile]);
            var reported = ReportedLine().Match(stdout);
            if (!reported.Success)
            {
                throw new InvalidOperationException($"unexpected replay output:\n{stdout}");
            }

            var seconds = double.Parse(reported.Groups["seconds"].Value.Replace(',', '.'), CultureInfo.InvariantCulture);
            alerts = File.ReadLines(output).LongCount();
            var run = new ReplayRun(elapsed.TotalSeconds, workload.Events.Count / elapsed.TotalSeconds, seconds, workload.Events.Count / seconds);
            Console.WriteLine($"[4] run {i + 1}: {run.WallSeconds:0.00} s wall clock ({run.WallEventsPerSecond:N0} events/s), replay reports {seconds:0.00} s ({run.ReportedEventsPerSecond:N0} events/s), {alerts} alert emissions");
            runs.Add(run);
        }

        Directory.Delete(folder, recursive: true);
        return new ReplayResult(workload.Events.Count, runs, Stats.Median(runs.Select(r => r.WallEventsPerSecond)), Stats.Median(runs.Select(r => r.ReportedEventsPerSecond)), alerts);
    }

    [GeneratedRegex(@"replay: \d+ lines read in (?<seconds>[0-9.,]+) s")]
    internal static partial Regex ReportedLine();
}
