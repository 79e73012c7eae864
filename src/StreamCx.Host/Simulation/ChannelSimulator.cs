using StreamCx.Domain.Processing;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Host.Simulation;

/// <summary>
/// Realistic feedback for the sample sites: a channel mix, a gentle daily rhythm, site-to-site differences,
/// NPS driven mostly by waiting time and staff courtesy, verbatims in French and English consistent with the ratings
/// they come with (a complaint names an attribute rated dissatisfied), and three scripted
/// irritants: waiting time falling at one site, product availability below its peers at another, and at a third every
/// rating given on the app channel 1.2 points below the site's other channels (a channel gap, NPS following). Who handled a response
/// (<c>unitId</c>) and the service figures of contacts come from <see cref="ServiceFigures"/>, on a random of their own.
/// </summary>
public sealed class ChannelSimulator(ReferenceCatalog catalog, int seed, DateTimeOffset irritantStart)
{
    private static readonly (string Channel, int Weight)[] Channels =
        [("store", 35), ("web", 20), ("app", 15), ("phone", 10), ("email", 5), ("chat", 5), ("social", 5), ("survey", 5)];
    // (English, French) texts: a complaint names the attribute its author rated dissatisfied, praise comes with good ratings only
    private static readonly (string En, string Fr)[] Praise =
        [("Great service, thank you!", "Super service, merci !"), ("Quick and easy, as always.", "Rapide et simple, comme toujours."),
         ("Nothing to complain about, perfect.", "Rien à redire, parfait.")];
    private static readonly (string En, string Fr)[] Neutral =
        [("It was okay.", "C'était correct."), ("Fine, nothing special.", "Bien, sans plus.")];
    private static readonly Dictionary<string, (string En, string Fr)[]> Complaints = new(StringComparer.Ordinal)
    {
        ["waiting-time"] = [("Way too long to wait at the checkout.", "Attente interminable en caisse."), ("I queued for ages.", "J'ai fait la queue pendant des lustres.")],
        ["checkout-speed"] = [("Checkout was painfully slow.", "Passage en caisse très lent.")],
        ["staff-courtesy"] = [("Staff seemed overwhelmed and unfriendly.", "Personnel débordé et peu aimable.")],
        ["product-availability"] = [("The product I came for was out of stock again.", "Rupture de stock sur l'article en promotion.")],
        ["cleanliness"] = [("The store was dirty.", "Le magasin était sale.")],
        ["delivery"] = [("My delivery was late.", "Ma livraison est arrivée en retard.")],
        ["advice-quality"] = [("Nobody could advise me.", "Personne n'a pu me conseiller.")],
        ["price-perception"] = [("Far too expensive.", "Beaucoup trop cher.")],
        ["ease-of-return"] = [("Returning an item was a hassle.", "Retourner un article a été compliqué.")],
        ["app-usability"] = [("The app keeps crashing.", "L'application plante sans arrêt.")],
    };
    private static readonly (string En, string Fr)[] GenericComplaints = [("Not what I expected, disappointing.", "Pas à la hauteur, décevant.")];
    private readonly Random _rnd = new(seed);
    private readonly ServiceFigures _service = new(catalog, seed, catalog.Sites[0]);
    private long _sequence;

    public Site WaitingTimeIrritant { get; } = catalog.Sites[0];
    /// <summary>When waiting time starts falling at <see cref="WaitingTimeIrritant"/>.</summary>
    public DateTimeOffset IrritantStart => irritantStart;

    public Site AvailabilityIrritant { get; } = catalog.Sites.First(s => s.RegionId != catalog.Sites[0].RegionId);

    /// <summary>Where the app channel is rated <see cref="ChannelGap"/> points lower than the site's others, all along.</summary>
    public Site ChannelIrritant { get; } = catalog.Sites.LastOrDefault(s => s != catalog.Sites[0] && s.RegionId != catalog.Sites[0].RegionId) ?? catalog.Sites[^1];

    public const string WorseChannel = "app";

    public const double ChannelGap = 1.2;

    /// <summary>One response at <paramref name="at"/> for <paramref name="site"/>, as the JSON a channel system sends.</summary>
    public byte[] Next(Site site, DateTimeOffset at)
    {
        var channel = WeightedChannel();
        var gap = site == ChannelIrritant && channel == WorseChannel ? ChannelGap : 0;
        var ratings = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var attribute in Pick(catalog.Attributes, 3))
            ratings[attribute.AttributeId] = Rating(attribute, Mean(site, attribute.AttributeId, at) - gap);
        var drivers = ratings.Where(r => r.Key is "waiting-time" or "staff-courtesy").Select(r => r.Value).DefaultIfEmpty(ratings.Values.Average());
        var nps = Math.Clamp((int)Math.Round(((drivers.Average() - 1) * 2.5) + Normal(0.8)), 0, 10);
        var english = _rnd.NextDouble() < 0.5;
        var comment = _rnd.NextDouble() < 0.3 ? Comment(ratings, english) : null;
        var e = new Dictionary<string, object?>
        {
            ["eventId"] = $"sim-{seed}-{Interlocked.Increment(ref _sequence)}",
            ["occurredAt"] = SimulatedJson.Timestamp(at),
            ["siteId"] = site.SiteId,
            ["channel"] = channel,
            ["touchpoint"] = Choose(["checkout", "delivery", "after-sales", "advice"]),
            ["nps"] = nps,
            ["ratings"] = ratings,
            ["comment"] = comment,
            ["language"] = comment is null ? null : english ? "en" : "fr",
        };
        if (_rnd.NextDouble() < 0.3) e["csat"] = Math.Clamp((int)Math.Round(ratings.Values.Average() + Normal(0.5)), 1, 5);
        _service.AddTo(e, site, channel, ratings);
        return SimulatedJson.Bytes(e);
    }

    /// <summary>
    /// A comment consistent with the ratings it comes with: a complaint about the attribute rated worst when it is rated
    /// dissatisfied (on its own scale), praise when every rating is in the top fifth of its scale, else a neutral remark.
    /// </summary>
    private string Comment(Dictionary<string, double> ratings, bool english)
    {
        var scaled = ratings.Select(r => (Attribute: catalog.Attribute(r.Key), r.Value)).ToList();
        var worst = scaled.MinBy(r => (r.Value - r.Attribute.Min) / r.Attribute.Range);
        var text = worst.Attribute.IsDissatisfied(worst.Value) ? Choose(Complaints.GetValueOrDefault(worst.Attribute.AttributeId) ?? GenericComplaints)
            : scaled.All(r => r.Value >= r.Attribute.Max - (0.25 * r.Attribute.Range)) ? Choose(Praise)
            : Choose(Neutral);
        return english ? text.En : text.Fr;
    }

    /// <summary>Usual level of an attribute at a site and time, on a 1..5 scale.</summary>
    private double Mean(Site site, string attributeId, DateTimeOffset at)
    {
        // a stable hash (string.GetHashCode differs from one process to the next): the same seed gives the same messages
        var siteEffect = (KeyPartitioner.PartitionOf($"{site.SiteId}/{attributeId}", 21) - 10) / 50.0;
        var mean = 4.2 + siteEffect;
        mean += 0.1 * Math.Sin(2 * Math.PI * at.UtcDateTime.TimeOfDay.TotalHours / 24); // a gentle daily rhythm
        if (site == WaitingTimeIrritant && attributeId == "waiting-time" && at > irritantStart)
            mean -= Math.Min(1.6, 1.6 * (at - irritantStart).TotalHours / 2);
        if (site == AvailabilityIrritant && attributeId == "product-availability") mean -= 1.2;
        return mean;
    }

    private double Rating(AttributeDefinition attribute, double meanOnFive)
    {
        var onFive = Math.Clamp(Math.Round(meanOnFive + Normal(0.6)), 1, 5);
        return Math.Round(attribute.Min + ((onFive - 1) / 4 * attribute.Range));
    }

    private double Normal(double sd) => _rnd.Normal(sd);

    private T Choose<T>(IReadOnlyList<T> items) => _rnd.Choose(items);

    private IEnumerable<T> Pick<T>(IReadOnlyList<T> items, int count) => items.OrderBy(_ => _rnd.Next()).Take(count);

    private string WeightedChannel()
    {
        var roll = _rnd.Next(Channels.Sum(c => c.Weight));
        foreach (var (channel, weight) in Channels)
            if ((roll -= weight) < 0) return channel;
        return Channels[0].Channel;
    }
}
