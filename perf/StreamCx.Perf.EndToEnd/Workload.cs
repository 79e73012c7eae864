using StreamCx.Domain.ReferenceData;
using StreamCx.Perf.Kafka;

namespace StreamCx.Perf.EndToEnd;

/// <summary>The events of the sustained and replay steps: the sample sites of config/, over the last 24 hours, in event-time order.</summary>
public sealed record Workload(ReferenceCatalog Catalog, IReadOnlyList<(string Key, byte[] Value)> Events)
{
    public static string SitesFile { get; } = Path.Combine(Repo.Root, "config", "sites.json");

    public static string AttributesFile { get; } = Path.Combine(Repo.Root, "config", "attributes.json");

    public long Bytes => Events.Sum(e => (long)e.Value.Length);

    /// <summary>The sample sites and attributes with the listening catalogs of config/ (complaint reasons, incident types, reporter roles, platforms).</summary>
    public static ReferenceCatalog LoadCatalog()
    {
        string Config(string file) => Path.Combine(Repo.Root, "config", file);
        return ReferenceDataLoader.Load(SitesFile, AttributesFile, Config("departments.json"),
            new ListeningFiles(Config("complaint-reasons.json"), Config("incident-types.json"), Config("reporter-roles.json"), Config("platforms.json")));
    }

    public static Workload Create(int count, int seed = 42)
    {
        var catalog = LoadCatalog();
        var generator = new FeedbackGenerator(catalog, seed, "e2e");
        var end = DateTimeOffset.UtcNow.AddMinutes(-1);
        var events = new List<(string, byte[])>(count);
        for (var i = 0; i < count; i++)
        {
            var site = generator.NextSite();
            events.Add((site.SiteId, generator.Next(site, end.AddHours(-24 + (24.0 * i / count)))));
        }

        return new Workload(catalog, events);
    }

    /// <summary>The events as a JSON-lines file (the input of <c>streamcx replay</c>).</summary>
    public void WriteJsonLines(string path)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        foreach (var (_, value) in Events)
        {
            file.Write(value);
            file.WriteByte((byte)'\n');
        }
    }
}
