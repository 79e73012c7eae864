using System.Globalization;
using System.Text.Json;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.IntegrationTests.Equivalence;

/// <summary>
/// Three days of feedback for the 49 sample sites, with known irritants, as the channel systems would produce it:
/// waiting time falling at Lille Centre from the third morning (a trend), product availability a point below its peers
/// at Marseille La Joliette all along (a peer gap), NPS driven by waiting time (importance). Each event has a channel
/// (store, web, app) that decides its topic when the channels have topics of their own. Deterministic for a seed.
/// </summary>
public sealed class EquivalenceFeedback
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);

    private static readonly string[] Attributes = ["waiting-time", "product-availability", "staff-courtesy", "cleanliness"];
    private static readonly string[] Channels = ["store", "web", "app"];

    public EquivalenceFeedback(int seed, double hours = 66)
    {
        var sites = SampleSites;
        var rnd = new Random(seed);
        var events = new List<(DateTimeOffset At, Message Message)>();
        var n = 0;
        foreach (var site in sites)
        {
            var perHour = site.SiteId is "store-lille-centre" or "store-marseille-la-joliette" ? 14.0 : 4.0;
            for (var t = rnd.NextDouble() / perHour; t < hours; t += -Math.Log(1 - rnd.NextDouble()) / perHour)
            {
                var at = Start.AddHours(t);
                var ratings = Attributes.ToDictionary(a => a, a => Rating(Mean(site.SiteId, a, t), rnd));
                var nps = Math.Clamp((int)Math.Round((2.2 * ratings["waiting-time"]) - 1 + rnd.Next(-1, 2)), 0, 10);
                var channel = Channels[rnd.Next(Channels.Length)];
                var id = $"eq-{seed}-{n++}";
                var json = JsonSerializer.Serialize(new
                {
                    eventId = id,
                    occurredAt = at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
                    siteId = site.SiteId,
                    channel,
                    nps,
                    ratings,
                    comment = ratings["waiting-time"] <= 2 ? "Trop d'attente en caisse" : null,
                }, new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull });
                events.Add((at, new Message(id, site.SiteId, channel, json)));
            }
        }
        Messages = events.OrderBy(e => e.At).ThenBy(e => e.Message.EventId, StringComparer.Ordinal).Select(e => e.Message).ToList();
    }

    private static readonly IReadOnlyList<Site> SampleSites = ReferenceDataLoader.LoadSites(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "config", "sites.json")));

    /// <summary>The sample sites' ids.</summary>
    public static IReadOnlyList<string> Sites { get; } = [.. SampleSites.Select(s => s.SiteId)];

    /// <summary>The regions of the sample sites.</summary>
    public static IReadOnlyList<string> Regions { get; } = [.. SampleSites.Select(s => s.RegionId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The messages in event-time order (as channel systems produce them, live).</summary>
    public IReadOnlyList<Message> Messages { get; }

    /// <summary>
    /// The same messages with a few out of place, as one topic of a real deployment sees them: <paramref name="early"/>
    /// events produced hours before their neighbours (a wrong clock, a message sent early) and <paramref name="resent"/>
    /// events produced a second time a little later (a channel that re-sends).
    /// </summary>
    public IReadOnlyList<Message> WithSomeOutOfPlace(int seed, int early = 20, int resent = 20)
    {
        var rnd = new Random(seed);
        var list = Messages.ToList();
        for (var k = 0; k < early; k++)
        {
            var from = rnd.Next(list.Count / 5, list.Count);
            var moved = list[from];
            list.RemoveAt(from);
            var to = Math.Max(0, from - rnd.Next(list.Count / 20, list.Count / 8)); // some hours earlier in the stream
            list.Insert(to, moved);
        }
        for (var k = 0; k < resent; k++)
        {
            var at = rnd.Next(0, list.Count - 200);
            list.Insert(at + rnd.Next(1, 200), list[at]);
        }
        return list;
    }

    private static double Mean(string siteId, string attribute, double hours) => (siteId, attribute) switch
    {
        ("store-lille-centre", "waiting-time") when hours > 50 => Math.Max(1.8, 4.1 - ((hours - 50) * 0.25)),
        ("store-marseille-la-joliette", "product-availability") => 3.1,
        _ => 4.1 + (0.15 * Math.Sin(hours * Math.PI / 12)),
    };

    private static double Rating(double mean, Random rnd)
    {
        while (true)
        {
            var z = Math.Sqrt(-2.0 * Math.Log(1.0 - rnd.NextDouble())) * Math.Cos(2 * Math.PI * rnd.NextDouble());
            var x = Math.Round(mean + (0.6 * z));
            if (x is >= 1 and <= 5) return x;
        }
    }

    /// <summary>One Kafka message of a channel system: key = site, value = the event's JSON.</summary>
    public sealed record Message(string EventId, string SiteId, string Channel, string Json);
}
