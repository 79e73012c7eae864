using Microsoft.Extensions.Time.Testing;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Listening;
using StreamCx.Domain.ReferenceData;
using StreamCx.Domain.Tests.Complaints;

namespace StreamCx.Domain.Tests.Incidents;

/// <summary>
/// The <c>incidents</c> factor, an early warning: incidents of a type surging at a site, tested on counts like complaints,
/// naming the attributes the catalog says they bear on — before any survey on them falls.
/// </summary>
public sealed class IncidentSurgeTests
{
    private static readonly DateTimeOffset Start = ComplaintScenario.Start;

    private static readonly ReferenceCatalog Catalog = new(ComplaintScenario.Catalog.Sites, [.. ComplaintScenario.Catalog.Attributes, new AttributeDefinition("delivery", "Delivery", 1, 5, 2)])
    {
        Listening = new ListeningCatalog([], [new IncidentType("delivery-delay", "Delivery delay", ["delivery", "waiting-time"], "minutes late")], [], []),
    };

    private static Incident Delay(string site, DateTimeOffset at, string id, string type = "delivery-delay") => new(id, at, type) { SiteId = site, Magnitude = 60 };

    /// <summary>Every site, 35 days, about one delivery delay a day (Poisson, 0.05 an hour).</summary>
    private static IEnumerable<Incident> Background(string type = "delivery-delay")
    {
        var rnd = new Random(5);
        for (var h = 0; h < ComplaintScenario.Days * 24; h++)
            for (var s = 0; s < 6; s++)
                for (var n = ComplaintScenario.Poisson(rnd, 0.05); n > 0; n--)
                    yield return Delay($"site-{s}", Start.AddHours(h).AddSeconds(rnd.Next(3600)), $"bg-{h}-{s}-{n}", type);
    }

    /// <summary>Six delays in three hours at site-0 on day 30.</summary>
    private static IEnumerable<Incident> Burst(string type = "delivery-delay") =>
        Enumerable.Range(0, 6).Select(n => Delay(ComplaintScenario.Surging, ComplaintScenario.SurgeStart.AddMinutes(n * 30), $"burst-{n}", type));

    /// <summary>The same six, one every five days over the month before.</summary>
    private static IEnumerable<Incident> Spread() =>
        Enumerable.Range(0, 6).Select(n => Delay(ComplaintScenario.Surging, Start.AddDays(4 + (n * 5)).AddHours(9), $"spread-{n}"));

    private static List<Alert> Run(IEnumerable<Incident> incidents)
    {
        var processor = new ListeningProcessor(Catalog, new(), new FakeTimeProvider(Start));
        return [.. incidents.OrderBy(e => e.OccurredAt.UtcTicks).ThenBy(e => e.EventId, StringComparer.Ordinal).SelectMany(processor.Apply)];
    }

    [Fact]
    public void Delivery_delays_that_surge_at_one_site_raise_an_early_warning_naming_what_they_bear_on()
    {
        var alerts = Run(Background().Concat(Burst()));

        var opened = Assert.Single(alerts, a => a.Status == AlertStatus.Open);
        Assert.Equal((ComplaintScenario.Surging, "incidents", "Operational incidents"), (opened.SiteId, opened.AttributeId, opened.AttributeLabel));
        var factor = Assert.IsType<IncidentsFactor>(Assert.Single(opened.Factors));
        Assert.Equal(("delivery-delay", "Delivery delay", true), (factor.IncidentType, factor.IncidentLabel, factor.Catalogued));
        Assert.Equal(["delivery", "waiting-time"], factor.Affects);
        Assert.True(factor is { Count: >= 5, Ratio: >= 2, PValue: < 1e-5 }, factor.ToString());
        Assert.StartsWith("\"Delivery delay\" incidents at Site 0 surged", opened.Explanation, StringComparison.Ordinal);
        Assert.EndsWith(" Early warning: they bear on Delivery and Waiting time, whose surveys may follow.", opened.Explanation, StringComparison.Ordinal);
        Assert.Contains(alerts, a => a.Status == AlertStatus.Resolved && a.AlertId == opened.AlertId);
    }

    [Fact]
    public void The_same_delays_spread_over_a_month_raise_nothing()
    {
        Assert.Empty(Run(Background().Concat(Spread())));
    }

    [Fact]
    public void An_uncatalogued_type_that_surges_is_named_as_given_and_bears_on_nothing()
    {
        var opened = Assert.Single(Run(Background("power-cut").Concat(Burst("power-cut"))), a => a.Status == AlertStatus.Open);

        var factor = Assert.IsType<IncidentsFactor>(opened.Factors[0]);
        Assert.Equal(("power-cut", false), (factor.IncidentLabel, factor.Catalogued));
        Assert.Empty(factor.Affects);
        Assert.DoesNotContain("Early warning", opened.Explanation, StringComparison.Ordinal);
    }
}
