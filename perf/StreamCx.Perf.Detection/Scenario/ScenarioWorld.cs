namespace StreamCx.Perf.Detection.Scenario;

/// <summary>
/// The sites, attributes and usual patterns shared by every seed: 4 regions in 3 time zones (two DST changes inside
/// the 21 days), sites from 1.2 to 60 responses/h at peak, 8 attributes on 1–5, 0–10 and 1–10 scales.
/// Usual patterns (all in local time, learned by nobody in advance): a lunch dip on waiting time at every site, one
/// weekday afternoon (Saturday 14–18 h) worse on checkout speed at every site, and an evening dip on cleanliness in
/// one region.
/// </summary>
public static class ScenarioWorld
{
    public static readonly DateTimeOffset Start = new(2026, 10, 12, 0, 0, 0, TimeSpan.Zero); // a Monday
    public const int Days = 21; // Europe leaves DST on 25 Oct, the US on 1 Nov

    public static readonly BenchmarkAttribute[] Attributes =
    [
        new("waiting-time", "Waiting time", 1, 5, 2, 1.2),
        new("staff-courtesy", "Staff courtesy", 1, 5, 2, 1.0),
        new("product-availability", "Product availability", 1, 5, 2, 0.3),
        new("cleanliness", "Cleanliness", 1, 5, 2, 0.2),
        new("checkout-speed", "Checkout speed", 1, 5, 2, 0.3),
        new("advice-quality", "Quality of advice", 0, 10, 4, 0.2),
        new("price-perception", "Price perception", 1, 10, 4, 0.1),
        new("app-usability", "App usability", 0, 10, 4, 0.0),
    ];

    private static readonly (string Region, string Zone, int Sites)[] Regions =
    [
        ("paris", "Europe/Paris", 10), ("lyon", "Europe/Paris", 10), ("london", "Europe/London", 10), ("boston", "America/New_York", 10),
    ];

    private static readonly double[] Rates = [1.2, 2, 3, 6, 10, 15, 20, 30, 45, 60];

    public static IReadOnlyList<BenchmarkSite> Sites(Random rnd)
    {
        var sites = new List<BenchmarkSite>();
        foreach (var (region, zone, count) in Regions)
        {
            var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
            var rates = Rates.OrderBy(_ => rnd.Next()).ToArray();
            for (var i = 0; i < count; i++) sites.Add(new BenchmarkSite($"{region}-{i:00}", $"{char.ToUpperInvariant(region[0])}{region[1..]} {i:00}", region, tz, rates[i % rates.Length]));
        }
        return sites;
    }

    /// <summary>Responses per hour relative to the peak, by local hour and day (stores open 8–21 h, Sunday mornings at half rate).</summary>
    public static double Shape(DateTime local)
    {
        ReadOnlySpan<double> weekday = [0, 0, 0, 0, 0, 0, 0, 0, 0.4, 0.6, 0.8, 0.9, 1.0, 0.9, 0.7, 0.7, 0.8, 1.0, 1.0, 0.7, 0.4, 0, 0, 0];
        return local.DayOfWeek switch
        {
            DayOfWeek.Sunday => local.Hour is >= 9 and < 13 ? 0.5 : 0,
            DayOfWeek.Saturday => 1.2 * weekday[local.Hour],
            _ => weekday[local.Hour],
        };
    }

    /// <summary>The usual pattern (1–5 points) of an attribute at a local time: what a good detector learns and stays silent on.</summary>
    public static double Usual(BenchmarkSite site, string attributeId, DateTime local) => attributeId switch
    {
        "waiting-time" when local.Hour is 12 or 13 => -0.5,
        "checkout-speed" when local.DayOfWeek == DayOfWeek.Saturday && local.Hour is >= 14 and < 18 => -0.6,
        "cleanliness" when site.RegionId == "london" && local.Hour is >= 18 and < 21 => -0.4,
        _ => 0,
    };

    /// <summary>Which usual pattern (if any) covers a local time for an attribute, with an hour of slack each side.</summary>
    public static string? UsualPatternAt(BenchmarkSite site, string attributeId, DateTime local) => attributeId switch
    {
        "waiting-time" when local.Hour is >= 11 and < 16 => "daily lunch dip",
        "checkout-speed" when local.DayOfWeek == DayOfWeek.Saturday && local.Hour is >= 13 and < 21 =>
            local < Start.DateTime.AddDays(7) ? "weekly Saturday afternoon, 1st (never seen before)" : "weekly Saturday afternoon, 2nd and 3rd",
        "cleanliness" when site.RegionId == "london" && local.Hour is >= 17 and < 23 => "regional evening dip",
        _ => null,
    };
}
