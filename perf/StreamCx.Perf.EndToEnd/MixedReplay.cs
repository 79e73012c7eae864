using System.Globalization;
using System.Text;
using StreamCx.Perf.Kafka;

namespace StreamCx.Perf.EndToEnd;

/// <summary>
/// The replay side of <c>--mixed</c>: both workloads as JSON-lines files, then <c>streamcx replay</c> (Release build of the
/// host, a child process) on each in turn, a, b, a, b…, one unreported pair first. Replay runs the same domain processors
/// as the engine (sites, regions, journeys, listening), deterministically, with no Kafka, no intake copies and no actors.
/// </summary>
public static class MixedReplay
{
    /// <param name="settings">Configuration values given to replay (<c>--set</c>) in both modes.</param>
    public static string Measure((Workload Workload, MixStats Mix) a, (Workload Workload, MixStats Mix) b, int runCount, IReadOnlyList<string> settings)
    {
        var host = Path.Combine(Repo.Root, "src", "StreamCx.Host", "bin", "Release", "net10.0", "streamcx.dll");
        if (!File.Exists(host)) throw new FileNotFoundException("build the host in Release first (dotnet build -c Release StreamCx.sln)", host);
        var folder = Directory.CreateTempSubdirectory("streamcx-e2e-mixed-").FullName;
        var files = new[] { ("a", a), ("b", b) }.Select(m =>
        {
            var path = Path.Combine(folder, m.Item1 + ".jsonl");
            m.Item2.Workload.WriteJsonLines(path);
            return (Mode: m.Item1, Path: path, Count: m.Item2.Workload.Events.Count, m.Item2.Mix);
        }).ToList();
        var output = Path.Combine(folder, "alerts.jsonl");
        (double Wall, double Reported, long Alerts) Run((string Mode, string Path, int Count, MixStats Mix) f)
        {
            var (stdout, elapsed) = ChildProcess.Run("dotnet",
                [host, "replay", "--input", f.Path, "--output", output, "--sites", Workload.SitesFile, "--attributes", Workload.AttributesFile, .. settings.SelectMany(v => new[] { "--set", v })]);
            var reported = Replay.ReportedLine().Match(stdout);
            if (!reported.Success) throw new InvalidOperationException($"unexpected replay output:\n{stdout}");
            return (elapsed.TotalSeconds, double.Parse(reported.Groups["seconds"].Value.Replace(',', '.'), CultureInfo.InvariantCulture), File.ReadLines(output).LongCount());
        }

        files.ForEach(f => Run(f));
        var runs = new List<(int Index, string Mode, double Wall, double Reported, long Alerts, string Load)>();
        for (var i = 1; i <= runCount; i++)
        {
            foreach (var f in files)
            {
                var load = MachineInfo.LoadAverage();
                var (wall, reported, alerts) = Run(f);
                runs.Add((i, f.Mode, wall, reported, alerts, load));
                Console.WriteLine($"[mixed replay] run {i}{f.Mode}: {wall:0.00} s wall clock ({f.Count / wall:N0} messages/s), replay reports {reported:0.00} s ({f.Count / reported:N0} messages/s), {alerts} alert emissions; load {load}");
            }
        }

        if (Environment.GetEnvironmentVariable("PERF_KEEP_FILES") is null) Directory.Delete(folder, recursive: true); // kept to look at what was replayed
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("| run | mode | wall clock (s) | messages/s (wall clock) | replay's own time (s) | messages/s (replay's own time) | by type (messages/s, own time) | alert emissions | load average at start |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---|---:|---|");
        foreach (var r in runs)
        {
            var (count, mix) = files.Where(f => f.Mode == r.Mode).Select(f => (f.Count, f.Mix)).Single();
            text.AppendLine(inv, $"| {r.Index}{r.Mode} | {(r.Mode == "a" ? "feedback only" : "mixed")} | {r.Wall:0.00} | {count / r.Wall:N0} | {r.Reported:0.00} | {count / r.Reported:N0} | {mix.RatesBy(r.Reported)} | {r.Alerts} | {r.Load} |");
        }
        double Median(string mode, Func<(int Index, string Mode, double Wall, double Reported, long Alerts, string Load), double> f) =>
            Stats.Median(runs.Where(r => r.Mode == mode).Select(f));
        var (countA, countB) = (a.Mix.Messages, b.Mix.Messages);
        var (wallA, wallB) = (Median("a", r => countA / r.Wall), Median("b", r => countB / r.Wall));
        var (ownA, ownB) = (Median("a", r => countA / r.Reported), Median("b", r => countB / r.Reported));
        text.AppendLine(inv, $"| **median** | a | | **{wallA:N0}** | | **{ownA:N0}** | {a.Mix.RatesBy(countA / ownA)} | | |");
        text.AppendLine(inv, $"| **median** | b | | **{wallB:N0}** | | **{ownB:N0}** | {b.Mix.RatesBy(countB / ownB)} | | |");
        text.AppendLine();
        text.AppendLine(inv, $"Ratio b / a of the medians: **{wallB / wallA:0.00}** (wall clock of the process), **{ownB / ownA:0.00}** (replay's own time). {runCount} runs of each.");
        return text.ToString();
    }
}
