using System.Globalization;
using Prometheus;

namespace StreamCx.Host.Tests.Metrics;

/// <summary>What a registry exposes to Prometheus, as "name{labels}" → value (the text format, parsed).</summary>
public static class Exposition
{
    public static async Task<Dictionary<string, double>> ScrapeAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var space = line.LastIndexOf(' ');
            samples[line[..space]] = double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
        }
        return samples;
    }
}
