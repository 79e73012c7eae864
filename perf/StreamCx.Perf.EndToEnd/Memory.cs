using System.Text.Json;

namespace StreamCx.Perf.EndToEnd;

/// <summary>Step 3: <see cref="MemoryChild"/> in a fresh process, with server GC (as the service runs) and with workstation GC.</summary>
public static class Memory
{
    public static IReadOnlyList<MemoryResult> Measure(Options options)
    {
        var (sites, attributes) = ReferenceFiles.Write(options.MemorySites, options.MemoryAttributes);
        Console.WriteLine($"[3] reference data: {options.MemorySites:N0} sites × {options.MemoryAttributes} attributes in {Path.GetDirectoryName(sites)}");
        var results = new List<MemoryResult>();
        foreach (var serverGc in new[] { "1", "0" })
        {
            var (output, _) = ChildProcess.Run(
                "dotnet",
                [typeof(Memory).Assembly.Location, MemoryChild.Verb, sites, attributes, options.MemoryEventsPerSite.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                new Dictionary<string, string> { ["DOTNET_gcServer"] = serverGc });
            var result = JsonSerializer.Deserialize<MemoryResult>(output.Trim().Split('\n')[^1])!;
            Console.WriteLine($"[3] {result.Gc} GC: RSS {result.RssBytes / 1048576.0:N0} MiB (baseline {result.BaselineRssBytes / 1048576.0:N0} MiB), "
                + $"{result.RssBytesPerActor:N0} bytes per site-attribute actor; managed heap {result.HeapBytes / 1048576.0:N0} MiB ({result.HeapBytesPerActor:N0} bytes per actor)");
            results.Add(result);
        }

        Directory.Delete(Path.GetDirectoryName(sites)!, recursive: true);
        return results;
    }
}
