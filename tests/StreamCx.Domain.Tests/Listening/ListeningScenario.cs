using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Complaints;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Listening;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Tests.TestSupport;
using StreamCx.Domain.Tests.Complaints;

namespace StreamCx.Domain.Tests.Listening;

/// <summary>
/// Six days of every listening source at six north sites of the shipped catalog (and one southern site), as the engine
/// meets them (seeded): complaints (a surge of "long wait" at <see cref="North"/>[0] after two breakdowns there, and an
/// uncatalogued reason now and then), negative and positive staff reports (a surge at <see cref="North"/>[1], an unknown
/// role now and then), social mentions of two sites and of the brand (a burst at <see cref="North"/>[0] while its complaints
/// surge: spreading), incidents (delivery delays, an uncatalogued type), feedback with ratings, units and service figures.
/// Each message arrives minutes after it happened, some hours late, some again hours later, some again within a minute
/// with another reason; the frontier of event time follows arrivals <see cref="FrontierLag"/> behind, every 10 minutes.
/// </summary>
internal static class ListeningScenario
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
    public const int Days = 6;
    public static readonly DateTimeOffset ComplaintSurge = Start.AddDays(4).AddHours(10);
    public static readonly DateTimeOffset SocialOnset = ComplaintSurge.AddHours(2).AddMinutes(3);
    public static readonly DateTimeOffset InternalSurge = Start.AddDays(4).AddHours(18);
    public static readonly TimeSpan FrontierLag = TimeSpan.FromMinutes(10);

    public static ReferenceCatalog Catalog { get; } = ReferenceDataLoader.Load(
        RepoPaths.Config("sites.json"), RepoPaths.Config("attributes.json"),
        listening: new ListeningFiles(
            RepoPaths.Config("complaint-reasons.json"), RepoPaths.Config("incident-types.json"), RepoPaths.Config("reporter-roles.json"), RepoPaths.Config("platforms.json")));

    public static IReadOnlyList<string> North { get; } =
    [
        "store-lille-centre", "store-lille-euralille", "store-roubaix-mcarthurglen",
        "store-valenciennes-place-d-armes", "store-arras-grand-place", "store-amiens-centre",
    ];

    public const string South = "store-marseille-la-joliette";

    public static IReadOnlyList<string> Regions { get; } = ["north", "south"];

    /// <summary>The attributes the feedback rates.</summary>
    public static IReadOnlyList<string> Rated { get; } = ["delivery", "waiting-time"];

    public static ListeningProcessor Processor() => new(Catalog, new ComplaintSettings(), new FakeTimeProvider(Start));

    /// <summary>Every step, in arrival order, up to the end of the last day.</summary>
    public static IReadOnlyList<ListeningStep> Steps(int seed = 15)
    {
        var rnd = new Random(seed);
        var arrivals = new List<ListeningStep>();
        var delayed = new HashSet<(string Site, int Day)>();
        AddComplaints(rnd, m => Deliver(rnd, arrivals, m));
        AddStaffReports(rnd, m => Deliver(rnd, arrivals, m));
        AddMentions(rnd, m => Deliver(rnd, arrivals, m));
        AddIncidents(rnd, delayed, m => Deliver(rnd, arrivals, m, resent: 0.25)); // few: a quarter come again
        AddFeedback(rnd, delayed, arrivals);

        var steps = new List<ListeningStep>();
        var nextMove = Start + FrontierLag;
        // stable: a resend made with its original stays after it; the stream stops at the end of the last day, some messages held
        foreach (var step in arrivals.Where(s => s.At < Start.AddDays(Days)).OrderBy(s => s.At))
        {
            for (; step.At >= nextMove; nextMove += FrontierLag) steps.Add(new FrontierMoved(nextMove, nextMove - FrontierLag));
            steps.Add(step);
        }
        return steps;
    }

    /// <summary>
    /// Offers a message minutes after it happened (1.5 %: hours late); <paramref name="resent"/> of them come again hours
    /// later, and 1 % of complaints again within a minute with another reason.
    /// </summary>
    private static void Deliver(Random rnd, List<ListeningStep> arrivals, ListeningEvent m, double resent = 0.02)
    {
        var late = rnd.NextDouble() < 0.015;
        var delay = late ? TimeSpan.FromMinutes(30 + rnd.Next(150)) : TimeSpan.FromSeconds(rnd.Next(8 * 60));
        var at = m.OccurredAt + delay;
        arrivals.Add(new Offered(at, m, late ? Delivery.Late : Delivery.OnTime));
        var again = rnd.NextDouble();
        if (again < resent) arrivals.Add(new Offered(at + TimeSpan.FromMinutes(60 + rnd.Next(300)), m, Delivery.ResentLate));
        else if (again < resent + 0.01 && m is Complaint c && delay <= TimeSpan.FromMinutes(5))
            arrivals.Add(new Offered(at + TimeSpan.FromSeconds(30 + rnd.Next(60)), c with { ReasonId = "rude-staff" }, Delivery.ResentCorrected));
    }

    private static void AddComplaints(Random rnd, Action<ListeningEvent> deliver)
    {
        string[] channels = ["phone", "email", "store"];
        for (var h = 0; h < Days * 24; h++)
            for (var s = 0; s < North.Count; s++)
            {
                for (var n = ComplaintScenario.Poisson(rnd, 1.5); n > 0; n--) deliver(ComplaintAt(North[s], Start.AddHours(h).AddSeconds(rnd.Next(3600)), $"c-{h}-{s}-{n}", "long-wait", channels[rnd.Next(3)]));
                for (var n = ComplaintScenario.Poisson(rnd, 0.3); n > 0; n--) deliver(ComplaintAt(North[s], Start.AddHours(h).AddSeconds(rnd.Next(3600)), $"c-rude-{h}-{s}-{n}", "rude-staff", "store"));
                if (rnd.NextDouble() < 0.02) deliver(ComplaintAt(North[s], Start.AddHours(h).AddSeconds(rnd.Next(3600)), $"c-parking-{h}-{s}", "parking-fees", "email"));
            }
        for (var h = 0; h < 4; h++)
            for (var n = 0; n < 6; n++)
                deliver(ComplaintAt(North[0], ComplaintSurge.AddHours(h).AddMinutes(5 + (n * 10)), $"c-surge-{h}-{n}", "long-wait", "phone"));
    }

    private static Complaint ComplaintAt(string site, DateTimeOffset at, string id, string reason, string channel) =>
        new(id, at, channel, reason) { SiteId = site, Text = "…", Flags = Catalog.Listening.IsKnownReason(reason) ? CatalogFlags.None : CatalogFlags.UnknownReason };

    private static void AddStaffReports(Random rnd, Action<ListeningEvent> deliver)
    {
        for (var h = 0; h < Days * 24; h++)
            for (var s = 0; s < North.Count; s++)
            {
                var at = Start.AddHours(h);
                for (var n = ComplaintScenario.Poisson(rnd, 0.8); n > 0; n--)
                    deliver(ReportAt(North[s], at.AddSeconds(rnd.Next(3600)), $"r-{h}-{s}-{n}", rnd.NextDouble() < 0.05 ? "janitor" : rnd.NextDouble() < 0.5 ? "sales" : "driver", -0.5, "waiting-time"));
                for (var n = ComplaintScenario.Poisson(rnd, 0.6); n > 0; n--) deliver(ReportAt(North[s], at.AddSeconds(rnd.Next(3600)), $"r-pos-{h}-{s}-{n}", "sales", 0.4, "waiting-time"));
                if (rnd.NextDouble() < 0.03) deliver(ReportAt(North[s], at.AddSeconds(rnd.Next(3600)), $"r-topic-{h}-{s}", "driver", -0.7, topic: "parking"));
            }
        for (var h = 0; h < 4; h++)
            for (var n = 0; n < 5; n++)
                deliver(ReportAt(North[1], InternalSurge.AddHours(h).AddMinutes(7 + (n * 11)), $"r-surge-{h}-{n}", "sales", -0.8, "waiting-time"));
    }

    private static InternalReport ReportAt(string site, DateTimeOffset at, string id, string role, double sentiment, string? attributeId = null, string? topic = null) =>
        new(id, at, role, sentiment)
        {
            SiteId = site, AttributeId = attributeId, Topic = topic, Text = "…",
            Flags = Catalog.Listening.IsKnownReporterRole(role) ? CatalogFlags.None : CatalogFlags.UnknownReporterRole,
        };

    private static void AddMentions(Random rnd, Action<ListeningEvent> deliver)
    {
        string?[] scopes = [North[0], North[2], null];
        foreach (var scope in scopes)
            for (var minute = 0; minute < Days * 24 * 60; minute++)
            {
                var at = Start.AddMinutes(minute).AddSeconds(rnd.Next(60));
                var platform = rnd.NextDouble() < 0.02 ? "myspace" : "x";
                var roll = rnd.NextDouble();
                if (roll < 1 / 60.0) deliver(MentionAt(scope, at, $"m-neg-{scope}-{minute}", platform, -0.6, 300));
                else if (roll < 4 / 60.0) deliver(MentionAt(scope, at, $"m-pos-{scope}-{minute}", platform, 0.7, 300));
            }
        for (var n = 0; n < 40; n++) deliver(MentionAt(North[0], SocialOnset.AddSeconds(n * 30), $"m-burst-{n}", "facebook", -0.8, 1000 + n));
    }

    private static SocialMention MentionAt(string? site, DateTimeOffset at, string id, string platform, double sentiment, long reach) =>
        new(id, at, platform, sentiment, reach, $"https://{platform}.example/{id}")
        {
            SiteId = site, Text = "…", Flags = Catalog.Listening.IsKnownPlatform(platform) ? CatalogFlags.None : CatalogFlags.UnknownPlatform,
        };

    private static void AddIncidents(Random rnd, HashSet<(string Site, int Day)> delayed, Action<ListeningEvent> deliver)
    {
        for (var day = 0; day < Days; day++)
            foreach (var site in North)
            {
                if (rnd.NextDouble() >= 0.4) continue;
                delayed.Add((site, day));
                for (var k = rnd.Next(1, 4); k > 0; k--)
                {
                    var at = Start.AddDays(day).AddHours(8).AddMinutes(20 * k);
                    deliver(IncidentAt(site, at, $"i-{site}-{day}-{k}", "delivery-delay") with { Magnitude = 30 + rnd.Next(90), EndedAt = at.AddHours(1) });
                }
            }
        deliver(IncidentAt(North[0], ComplaintSurge.AddHours(-3), "i-breakdown-1", "breakdown") with { Magnitude = 45 });
        deliver(IncidentAt(North[0], ComplaintSurge.AddHours(-2), "i-breakdown-2", "breakdown") with { Magnitude = 30 });
        deliver(IncidentAt(North[3], Start.AddDays(2).AddHours(11), "i-flood", "flood"));
        deliver(IncidentAt(South, Start.AddDays(1).AddHours(9), "i-south", "stock-out") with { Magnitude = 12 });
    }

    private static Incident IncidentAt(string site, DateTimeOffset at, string id, string type) =>
        new(id, at, type) { SiteId = site, Text = "…", Flags = Catalog.Listening.IsKnownIncidentType(type) ? CatalogFlags.None : CatalogFlags.UnknownIncidentType };

    /// <summary>
    /// Two answers an hour at each north site (sixteen at <see cref="North"/>[0] over the last 27 hours, one of its agents
    /// rating waiting time 1 over the last 3), delivery rated poorly more often on a day of delivery delays; one every
    /// three hours at <see cref="South"/>, and two an hour there from kiosks each known once (past the bound on units a site
    /// keeps by day 5). Observed minutes after they happened.
    /// </summary>
    private static void AddFeedback(Random rnd, HashSet<(string Site, int Day)> delayed, List<ListeningStep> arrivals)
    {
        var last = Days * 24;
        for (var h = 0; h < last; h++)
        {
            for (var s = 0; s < North.Count; s++)
                for (var n = 0; n < (s == 0 && h >= last - 27 ? 16 : 2); n++)
                {
                    var poorDelivery = rnd.NextDouble() < (delayed.Contains((North[s], h / 24)) ? 0.45 : 0.1);
                    var waiting = s == 0 && n % 4 == 2 && h >= last - 3 ? 1 : 3 + rnd.Next(3);
                    Observe(rnd, arrivals, Answer(rnd, $"f-{h}-{s}-{n}", North[s], Start.AddHours(h).AddMinutes(rnd.Next(60)), n % 2 == 0 ? "phone" : "chat", $"agent-{n % 4}",
                        [new("delivery", poorDelivery ? 1 : 4), new("waiting-time", waiting)]));
                }
            if (h % 3 == 0) Observe(rnd, arrivals, Answer(rnd, $"f-south-{h}", South, Start.AddHours(h).AddMinutes(rnd.Next(60)), "phone", "agent-s", [new("delivery", 4)]));
            for (var k = 0; k < 2; k++)
                Observe(rnd, arrivals, Answer(rnd, $"f-kiosk-{h}-{k}", South, Start.AddHours(h).AddMinutes(rnd.Next(60)), "kiosk", $"kiosk-{h}-{k}", [new("delivery", 3 + k)]));
        }
    }

    private static FeedbackEvent Answer(Random rnd, string id, string site, DateTimeOffset at, string channel, string unit, KeyValuePair<string, double>[] ratings) =>
        new(id, at, site, channel, new RatingDictionary(ratings))
        {
            UnitId = unit, HandlingSeconds = 120 + rnd.Next(600), FirstContactResolution = rnd.NextDouble() < 0.7, ContactCount = 1 + rnd.Next(3),
            Nps = rnd.Next(11), Csat = 1 + rnd.Next(5),
        };

    private static void Observe(Random rnd, List<ListeningStep> arrivals, FeedbackEvent e) =>
        arrivals.Add(new Observed(e.OccurredAt + TimeSpan.FromSeconds(rnd.Next(8 * 60)), e));
}
