using System.Globalization;
using System.Text.Json;
using StreamCx.Perf.Detection.Scenario;

namespace StreamCx.Perf.Detection;

/// <summary>Writes a scenario's events as the JSON lines <c>streamcx replay</c> reads, with its sites and attributes files.</summary>
public static class EventFile
{
    public static void Write(LabelledScenario scenario, string path)
    {
        using (var writer = new StreamWriter(path))
        {
            foreach (var e in scenario.Events)
                writer.WriteLine(JsonSerializer.Serialize(new
                {
                    eventId = e.EventId,
                    occurredAt = e.OccurredAt.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
                    siteId = e.SiteId,
                    channel = e.Channel,
                    nps = e.Nps,
                    ratings = e.Ratings,
                }));
        }
        var sites = scenario.Sites.Select(s => new { siteId = s.SiteId, name = s.Name, regionId = s.RegionId, timeZone = s.RegionId is "paris" or "london" ? s.Zone.Id : null });
        File.WriteAllText(path + ".sites.json", JsonSerializer.Serialize(sites, new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull }));
        var attributes = ScenarioWorld.Attributes.Select(a => new { attributeId = a.AttributeId, label = a.Label, min = a.Min, max = a.Max, dissatisfiedAtOrBelow = a.DissatisfiedAtOrBelow });
        File.WriteAllText(path + ".attributes.json", JsonSerializer.Serialize(attributes));
    }
}
