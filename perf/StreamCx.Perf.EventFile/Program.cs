using System.Globalization;
using System.Text.Json;
using StreamCx.Domain.ReferenceData;

// Writes N feedback events (JSON lines) for the sample sites: 6 ratings and an NPS each, one event every 2.6 s
// of event time, seeded so the same command always writes the same file.
// usage: StreamCx.Perf.EventFile <count> <output.jsonl> [sites.json] [attributes.json]
var count = int.Parse(args[0], CultureInfo.InvariantCulture);
var output = args[1];
var catalog = ReferenceDataLoader.Load(args.Length > 2 ? args[2] : "config/sites.json", args.Length > 3 ? args[3] : "config/attributes.json");
var rnd = new Random(1);
var start = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
using var writer = new StreamWriter(output);
for (var i = 0; i < count; i++)
{
    var ratings = catalog.Attributes.OrderBy(_ => rnd.Next()).Take(6)
        .ToDictionary(a => a.AttributeId, a => Math.Clamp(Math.Round(4.2 + ((rnd.NextDouble() - 0.5) * 2.4)), a.Min, a.Max));
    writer.WriteLine(JsonSerializer.Serialize(new
    {
        eventId = $"e{i}",
        occurredAt = start.AddSeconds(i * 2.6).ToString("O", CultureInfo.InvariantCulture),
        siteId = catalog.Sites[rnd.Next(catalog.Sites.Count)].SiteId,
        channel = "store",
        nps = rnd.Next(0, 11),
        ratings,
    }));
}
