using System.Globalization;

namespace StreamCx.Perf.EndToEnd;

/// <summary>This process's resident set (VmRSS of /proc/self/status) and live managed heap, after full blocking collections.</summary>
public static class ProcessMemory
{
    public static (long Rss, long Heap) Measure()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        var heap = GC.GetTotalMemory(forceFullCollection: true);
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return (kb * 1024, heap);
    }
}
