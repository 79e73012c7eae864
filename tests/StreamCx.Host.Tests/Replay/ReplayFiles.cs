using System.Text.Json;

namespace StreamCx.Host.Tests.Replay;

/// <summary>A temporary folder with reference data and a feedback file where one site sits a point below its five peers.</summary>
public sealed class ReplayFiles : IDisposable
{
    public ReplayFiles()
    {
        Directory.CreateDirectory(Root);
        File.WriteAllText(Sites, JsonSerializer.Serialize(Enumerable.Range(0, 6).Select(i => new { siteId = $"s{i}", name = $"Site {i}", regionId = "north" })));
        File.WriteAllText(Attributes, """[{"attributeId":"waiting-time","label":"Waiting time","min":1,"max":5,"dissatisfiedAtOrBelow":2}]""");
        var rnd = new Random(5);
        var start = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
        var lines = new List<string>();
        for (var i = 0; i < 6 * 20 * 24; i++)
        {
            var site = $"s{i % 6}";
            var mean = site == "s0" ? 3.2 : 4.2;
            var rating = Math.Clamp(Math.Round(mean + ((rnd.NextDouble() - 0.5) * 1.6)), 1, 5);
            var at = start.AddHours(i / 120.0);
            lines.Add(JsonSerializer.Serialize(new { eventId = $"e{i}", occurredAt = at.ToString("O"), siteId = site, channel = "store", ratings = new Dictionary<string, double> { ["waiting-time"] = rating }, comment = rating <= 2 ? "<b>trop long</b>" : null }));
        }
        lines.Insert(10, "this is not json");
        lines.Insert(20, """{"occurredAt":"2026-03-02T01:00:00Z","siteId":"s1","channel":"web","nps":3}""");
        lines.Insert(30, """{"eventId":"x","occurredAt":"2026-03-02T01:00:00Z","siteId":"nowhere","channel":"web","nps":3}""");
        lines.Insert(40, lines[41]); // a duplicate delivery
        File.WriteAllLines(Input, lines);
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "streamcx-replay-" + Guid.NewGuid().ToString("N"));
    public string Sites => Path.Combine(Root, "sites.json");
    public string Attributes => Path.Combine(Root, "attributes.json");
    public string Input => Path.Combine(Root, "events.jsonl");

    public string Output(string name) => Path.Combine(Root, name);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
