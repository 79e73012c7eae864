using System.Globalization;
using System.Text.Json;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.IntegrationTests.Equivalence;

/// <summary>
/// Three days of feedback for the 49 sample sites, with known irritants, as the channel systems would produce it, and what
/// the listening sources hear meanwhile (<see cref="Listening"/>):
/// waiting time falling at Lille Centre from the third morning (a trend), product availability a point below its peers
/// at Marseille La Joliette all along (a peer gap), NPS driven by waiting time (importance), staff courtesy 1.3 points worse
/// on the app channel than on the others at Lille Centre from the 12th hour (a channel gap); at Lille Centre the answers name
/// one of three sellers (drawn on a random of their own, so the rest is as without), seller-1 taking four in five of the
/// waiting times rated 2 or less (the unit its alerts name); cleanliness 1.5 points lower at three sites of the east region and
/// three of the west from the 36th hour (a region group in each, and one network group over them); at Bordeaux Mérignac, 16
/// short journeys an hour, one in ten red and eight in ten from the 44th hour (the journey indicators). Each event has a channel
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
        var sellers = new Random(seed + 1);
        var events = new List<(DateTimeOffset At, Message Message)>();
        var n = 0;
        foreach (var site in sites)
        {
            var moves = NetworkMoveSites.Contains(site.SiteId);
            var perHour = site.SiteId is "store-lille-centre" or "store-marseille-la-joliette" || moves ? 14.0 : 4.0;
            for (var t = rnd.NextDouble() / perHour; t < hours; t += -Math.Log(1 - rnd.NextDouble()) / perHour)
            {
                var at = Start.AddHours(t);
                var channel = Channels[rnd.Next(Channels.Length)];
                var ratings = Attributes.ToDictionary(a => a, a => Rating(Mean(site.SiteId, a, t) - ChannelGap(site.SiteId, a, channel, t), rnd));
                var nps = Math.Clamp((int)Math.Round((2.2 * ratings["waiting-time"]) - 1 + rnd.Next(-1, 2)), 0, 10);
                var id = $"eq-{seed}-{n++}";
                var json = JsonSerializer.Serialize(new
                {
                    eventId = id,
                    occurredAt = at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
                    siteId = site.SiteId,
                    channel,
                    unitId = site.SiteId == "store-lille-centre" ? Seller(ratings["waiting-time"], sellers) : null,
                    nps,
                    ratings,
                    comment = ratings["waiting-time"] <= 2 ? "Trop d'attente en caisse" : null,
                }, new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull });
                events.Add((at, new Message(id, site.SiteId, channel, json)));
            }
        }
        events.AddRange(Listening(seed, hours, rnd));
        events.AddRange(Journeys(seed, hours, rnd));
        Messages = events.OrderBy(e => e.At).ThenBy(e => e.Message.EventId, StringComparer.Ordinal).Select(e => e.Message).ToList();
    }

    /// <summary>The event ids of the listening messages start with it.</summary>
    public const string ListeningPrefix = "eql-";

    /// <summary>The event ids of the journey messages (steps, closings, churns: not feedback) start with it.</summary>
    public const string JourneyPrefix = "eqj-";

    /// <summary>Whether a message is feedback (what the sites count), not a listening or a journey message.</summary>
    public static bool IsFeedback(Message m) =>
        !m.EventId.StartsWith(ListeningPrefix, StringComparison.Ordinal) && !m.EventId.StartsWith(JourneyPrefix, StringComparison.Ordinal);

    /// <summary>The API paths of some of the scenario's journeys and of its accounts (the same for every seed's ids but the seed).</summary>
    public static IReadOnlyList<string> JourneyAndAccountPaths(int seed) =>
        [.. Enumerable.Range(0, 30).Where(c => c % 4 == 0).Select(c => $"/api/journeys/jrn-{seed}-{c}"), .. Enumerable.Range(0, 3).Select(a => $"/api/accounts/acc-{seed}-{a}")];

    /// <summary>The key of brand-wide messages (social mentions of no site): not a site.</summary>
    public const string BrandKey = "brand";

    /// <summary>
    /// What the listening sources hear over the same hours and the four days before (their baselines need days): complaints
    /// at every site of the north and south regions, with long waits surging at Lille Centre from the 50th hour; an
    /// absenteeism incident there just before; negative staff reports on product availability rising at Marseille La
    /// Joliette from the 30th hour; social mentions brand-wide and of Lille Centre, spreading there from the 55th hour; a
    /// few uncatalogued values.
    /// </summary>
    private static IEnumerable<(DateTimeOffset At, Message Message)> Listening(int seed, double hours, Random rnd)
    {
        var n = 0;
        string[] reasons = ["long-wait", "rude-staff", "out-of-stock", "dirty-store"];
        string[] via = ["phone", "email", "store"];
        (DateTimeOffset, Message) Line(double t, string siteId, object body)
        {
            var at = Start.AddHours(t);
            var id = $"{ListeningPrefix}{seed}-{n++}";
            var fields = JsonSerializer.SerializeToElement(body).EnumerateObject().ToDictionary(p => p.Name, p => (object)p.Value);
            fields["eventId"] = id;
            fields["occurredAt"] = at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
            return (at, new Message(id, siteId, Channels[rnd.Next(Channels.Length)], JsonSerializer.Serialize(fields)));
        }
        IEnumerable<double> Times(double from, double to, double perHour)
        {
            for (var t = from + (-Math.Log(1 - rnd.NextDouble()) / perHour); t < to; t += -Math.Log(1 - rnd.NextDouble()) / perHour) yield return t;
        }
        const double before = -96;
        foreach (var site in SampleSites.Where(s => s.RegionId is "north" or "south"))
        {
            foreach (var t in Times(before, hours, 0.3))
                yield return Line(t, site.SiteId, new { type = "complaint", siteId = site.SiteId, channel = via[rnd.Next(via.Length)], reason = reasons[rnd.Next(reasons.Length)] });
            foreach (var t in Times(before, hours, 0.05))
                yield return Line(t, site.SiteId, new { type = "internal-report", siteId = site.SiteId, reporterRole = "store-manager", attributeId = "product-availability", sentiment = -0.5, text = "Shelves half empty" });
            foreach (var t in Times(before, hours, 0.1))
                yield return Line(t, site.SiteId, new { type = "social-mention", siteId = site.SiteId, platform = "x", sentiment = rnd.NextDouble() < 0.5 ? -0.6 : 0.4, reach = 200, text = "about the store", url = "https://x.example/s/1" });
        }
        foreach (var t in Times(50, hours, 3))
            yield return Line(t, "store-lille-centre", new { type = "complaint", siteId = "store-lille-centre", channel = via[rnd.Next(via.Length)], reason = "long-wait", text = "Forty minutes at the counter" });
        yield return Line(49, "store-lille-centre", new { type = "incident", siteId = "store-lille-centre", incidentType = "absenteeism", magnitude = 3, text = "Three cashiers off sick" });
        yield return Line(20, "store-lille-centre", new { type = "incident", siteId = "store-lille-centre", incidentType = "power-cut", magnitude = 40 }); // uncatalogued
        foreach (var t in Times(30, hours, 1.5))
            yield return Line(t, "store-marseille-la-joliette", new { type = "internal-report", siteId = "store-marseille-la-joliette", reporterRole = "cashier", attributeId = "product-availability", sentiment = -0.8, text = "Customers ask for products we do not have" });
        foreach (var t in Times(55, hours, 8))
            yield return Line(t, "store-lille-centre", new { type = "social-mention", siteId = "store-lille-centre", platform = "x", sentiment = -0.9, reach = 3000, text = "Queue of an hour in Lille", url = "https://x.example/s/2" });
        foreach (var t in Times(before, hours, 1))
            yield return Line(t, BrandKey, new { type = "social-mention", platform = rnd.NextDouble() < 0.05 ? "mastodon" : "instagram", sentiment = rnd.NextDouble() < 0.3 ? -0.5 : 0.6, reach = 100, text = "the brand", url = "https://instagram.example/p/1" });
    }

    /// <summary>
    /// Journeys of 30 customers over the same hours: a few contacts each (a step, then its survey) at sites of every region,
    /// by several departments, rated well but for a few; those with many contacts over several departments are
    /// watermelons, most end unresolved or abandoned and some of their customers churn; some have a journey-scope survey.
    /// And B2B accounts whose contacts rate by role: users satisfied and purchasing not at two of them.
    /// </summary>
    private static IEnumerable<(DateTimeOffset At, Message Message)> Journeys(int seed, double hours, Random rnd)
    {
        var (steps, surveys) = (0, 0);
        string[] departments = ["sales", "support", "field-service", "central-support", "billing", "delivery"];
        (DateTimeOffset, Message) Signal(double t, string key, object body)
        {
            var at = Start.AddHours(t);
            var id = $"{JourneyPrefix}{seed}-{steps++}";
            var fields = JsonSerializer.SerializeToElement(body).EnumerateObject().ToDictionary(p => p.Name, p => (object)p.Value);
            fields["eventId"] = id;
            fields["occurredAt"] = at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
            return (at, new Message(id, key, Channels[rnd.Next(Channels.Length)], JsonSerializer.Serialize(fields)));
        }
        (DateTimeOffset, Message) Survey(double t, Site site, Dictionary<string, object> about)
        {
            var at = Start.AddHours(t);
            var id = $"eq-{seed}-j{surveys++}";
            var ratings = Attributes.ToDictionary(a => a, a => Rating(Mean(site.SiteId, a, t), rnd));
            about["eventId"] = id;
            about["occurredAt"] = at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
            about["siteId"] = site.SiteId;
            about["channel"] = Channels[rnd.Next(Channels.Length)];
            about["ratings"] = ratings;
            return (at, new Message(id, site.SiteId, (string)about["channel"], JsonSerializer.Serialize(about)));
        }
        for (var c = 0; c < 30; c++)
        {
            var (journey, customer) = ($"jrn-{seed}-{c}", $"cus-{seed}-{c}");
            var t = rnd.NextDouble() * (hours - 30);
            var contacts = rnd.Next(1, 7);
            var rated = c % 5 == 0 ? 2 : 5; // a few journeys are rated poorly: red, but no watermelon
            for (var k = 0; k < contacts; k++)
            {
                var department = departments[rnd.Next(departments.Length)];
                var site = SampleSites[rnd.Next(SampleSites.Count)];
                yield return Signal(t, journey, new { type = "journey-step", journeyId = journey, customerId = customer, department, step = "call", siteId = site.SiteId, reason = k % 2 == 0 ? "no-network" : "billing-error" });
                yield return Survey(t + 0.2, site, new() { ["journeyId"] = journey, ["customerId"] = customer, ["department"] = department, ["csat"] = rated });
                t += 1 + (rnd.NextDouble() * 5);
            }
            if (rnd.Next(3) == 0) yield return Survey(t, SampleSites[rnd.Next(SampleSites.Count)], new() { ["journeyId"] = journey, ["customerId"] = customer, ["scope"] = "journey", ["nps"] = rnd.Next(0, 11) });
            var outcome = contacts <= 2 ? "resolved" : rnd.Next(2) == 0 ? "unresolved" : "abandoned";
            yield return Signal(t + 0.5, journey, new { type = "journey-closed", journeyId = journey, outcome });
            if (outcome != "resolved" && c % 3 == 0) yield return Signal(t + 2, customer, new { type = "churn", customerId = customer, reason = "went to a competitor" });
        }
        for (var a = 0; a < 3; a++)
        {
            var account = $"acc-{seed}-{a}";
            var site = SampleSites[rnd.Next(SampleSites.Count)];
            for (var k = 0; k < 6; k++)
            {
                var role = k % 2 == 0 ? "user" : "purchasing";
                var nps = role == "purchasing" && a < 2 ? 3 : 9;
                yield return Survey(4 + (k * 8) + a, site, new() { ["accountId"] = account, ["contactRole"] = role, ["nps"] = nps });
            }
        }
        // a site whose journeys (a call, then the closing half an hour later, no survey) turn red far more often from the
        // 44th hour: a fall of its journey indicators, found by the detectors that watch them
        for (var t = rnd.NextDouble() / 16; t < hours - 1; t += -Math.Log(1 - rnd.NextDouble()) / 16)
        {
            var journey = $"jrn-{seed}-i{steps}";
            yield return Signal(t, journey, new { type = "journey-step", journeyId = journey, department = "support", step = "call", siteId = JourneyIndicatorSite });
            var red = rnd.NextDouble() < (t >= 44 ? 0.8 : 0.1);
            yield return Signal(t + 0.5, journey, new { type = "journey-closed", journeyId = journey, outcome = red ? "unresolved" : "resolved" });
        }
    }

    /// <summary>The site whose journeys turn red far more often from the 44th hour.</summary>
    public const string JourneyIndicatorSite = "store-bordeaux-merignac";

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
        (_, "cleanliness") when hours > 36 && NetworkMoveSites.Contains(siteId) => 2.6,
        _ => 4.1 + (0.15 * Math.Sin(hours * Math.PI / 12)),
    };

    /// <summary>Three sites of the east region and three of the west (busy ones): cleanliness falls at all six from the 36th hour (one network-wide move).</summary>
    private static readonly HashSet<string> NetworkMoveSites =
        SampleSites.Where(s => s.RegionId == "east").Take(3).Concat(SampleSites.Where(s => s.RegionId == "west").Take(3)).Select(s => s.SiteId).ToHashSet(StringComparer.Ordinal);

    /// <summary>seller-1 takes four in five of the waiting times rated 2 or less, the three sellers share the others.</summary>
    private static string Seller(double waitingTime, Random rnd) =>
        waitingTime <= 2 && rnd.NextDouble() < 0.8 ? "seller-1" : $"seller-{rnd.Next(3)}";

    private static double ChannelGap(string siteId, string attribute, string channel, double hours) =>
        (siteId, attribute, channel) is ("store-lille-centre", "staff-courtesy", "app") && hours > 12 ? 1.3 : 0;

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
