using System.Text.Json;

namespace StreamCx.Perf.EndToEnd;

/// <summary>Generated reference data in the formats of config/sites.json and config/attributes.json.</summary>
public static class ReferenceFiles
{
    public const int SitesPerRegion = 25;

    /// <summary>Writes <paramref name="sites"/> sites (regions of 25) and <paramref name="attributes"/> 1-5 attributes into a new temp folder; returns both paths.</summary>
    public static (string Sites, string Attributes) Write(int sites, int attributes)
    {
        var folder = Directory.CreateTempSubdirectory("streamcx-e2e-").FullName;
        var sitesFile = Path.Combine(folder, "sites.json");
        var attributesFile = Path.Combine(folder, "attributes.json");
        File.WriteAllText(sitesFile, JsonSerializer.Serialize(Enumerable.Range(0, sites).Select(i =>
            new { siteId = $"site-{i:D5}", name = $"Site {i}", regionId = $"region-{i / SitesPerRegion:D3}" })));
        File.WriteAllText(attributesFile, JsonSerializer.Serialize(Enumerable.Range(0, attributes).Select(i =>
            new { attributeId = $"attribute-{i}", label = $"Attribute {i}", min = 1, max = 5, dissatisfiedAtOrBelow = 2 })));
        return (sitesFile, attributesFile);
    }
}
