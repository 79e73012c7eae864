using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Complaints;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Domain.Tests.Complaints;

/// <summary>
/// Six sites of one region whose complaints for "long-wait" come at a Poisson rate of 3 an hour each (seeded), for 35
/// days; extra complaints can be added at one site, as a burst or spread out.
/// </summary>
internal static class ComplaintScenario
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
    public const string Surging = "site-0";
    public const int Days = 35;

    public static ReferenceCatalog Catalog { get; } = new(
        Enumerable.Range(0, 6).Select(i => new Site($"site-{i}", $"Site {i}", "north")),
        [new AttributeDefinition("waiting-time", "Waiting time", 1, 5, 2)])
    {
        Listening = new ListeningCatalog([new ComplaintReason("long-wait", "Long wait", "waiting-time")], [], [], []),
    };

    public static ComplaintProcessor Processor() => new(Catalog, new ComplaintSettings(), new FakeTimeProvider(Start));

    /// <summary>The background: every site, every hour of <see cref="Days"/> days, a Poisson(3) number of complaints.</summary>
    public static List<Complaint> Background(int seed = 7, string reason = "long-wait")
    {
        var rnd = new Random(seed);
        var list = new List<Complaint>();
        for (var h = 0; h < Days * 24; h++)
            for (var s = 0; s < 6; s++)
                for (var n = Poisson(rnd, 3); n > 0; n--)
                    list.Add(At($"site-{s}", Start.AddHours(h).AddSeconds(rnd.Next(3600)), $"bg-{h}-{s}-{n}", reason));
        return list;
    }

    public static Complaint At(string site, DateTimeOffset at, string id, string reason = "long-wait", string channel = "phone") =>
        new(id, at, channel, reason) { SiteId = site, Flags = Catalog.Listening.IsKnownReason(reason) ? CatalogFlags.None : CatalogFlags.UnknownReason };

    /// <summary>Twice the usual rate on top of it (the reason triples) at <see cref="Surging"/> for <paramref name="hours"/> hours from day 30, 10:00.</summary>
    public static IEnumerable<Complaint> Burst(int hours = 4, string reason = "long-wait")
    {
        var from = SurgeStart;
        for (var h = 0; h < hours; h++)
            for (var n = 0; n < 6; n++)
                yield return At(Surging, from.AddHours(h).AddMinutes(5 + (n * 10)), $"burst-{h}-{n}", reason);
    }

    public static readonly DateTimeOffset SurgeStart = Start.AddDays(30).AddHours(10);

    /// <summary>The same number of extra complaints as a 4-hour burst (24), spread evenly over the 30 days before the burst would be.</summary>
    public static IEnumerable<Complaint> Spread(int count = 24)
    {
        for (var n = 0; n < count; n++)
            yield return At(Surging, Start.AddDays(5).AddHours(n * 30).AddMinutes(17), $"spread-{n}");
    }

    public static List<Alert> Run(ComplaintProcessor processor, IEnumerable<Complaint> complaints)
    {
        var alerts = new List<Alert>();
        foreach (var c in Ordered(complaints)) alerts.AddRange(processor.Process(c));
        return alerts;
    }

    public static IEnumerable<Complaint> Ordered(IEnumerable<Complaint> complaints) =>
        complaints.OrderBy(c => c.OccurredAt.UtcTicks).ThenBy(c => c.EventId, StringComparer.Ordinal);

    /// <summary>A Poisson(<paramref name="lambda"/>) count, drawn from <paramref name="rnd"/>.</summary>
    public static int Poisson(Random rnd, double lambda)
    {
        var limit = Math.Exp(-lambda);
        var k = 0;
        for (var p = rnd.NextDouble(); p > limit; p *= rnd.NextDouble()) k++;
        return k;
    }
}
