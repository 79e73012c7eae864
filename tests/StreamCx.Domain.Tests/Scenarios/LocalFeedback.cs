using StreamCx.Domain.Contracts;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Domain.Tests.Scenarios;

/// <summary>
/// Synthetic feedback in a site's local time: stores open 8–21 h local, responses at a steady rate while open, each
/// rating one 1–5 attribute around meanOf(local time, hours since start). Timestamps carry the zone's offset.
/// </summary>
public static class LocalFeedback
{
    /// <summary>Monday 12 Oct 2026: Europe leaves summer time on Sunday 25 Oct.</summary>
    public static readonly DateTimeOffset Start = new(2026, 10, 12, 0, 0, 0, TimeSpan.Zero);

    public static ReferenceCatalog Catalog(string attribute, string? timeZone, int sites = 1) =>
        new(Enumerable.Range(0, sites).Select(i => new Site($"s{i}", $"Site {i}", "r0", timeZone)), [Feedback.Attribute(attribute)]);

    public static IEnumerable<FeedbackEvent> Stream(
        string siteId, string attribute, TimeZoneInfo zone, int days, double perHour, Func<DateTime, double, double> meanOf, int seed, double sd = 0.6)
    {
        var rnd = new Random(seed);
        var n = 0;
        for (var hour = Start; hour < Start.AddDays(days); hour = hour.AddHours(1))
        {
            var local = TimeZoneInfo.ConvertTime(hour, zone);
            if (local.Hour is < 8 or >= 21) continue;
            var count = (int)perHour + (rnd.NextDouble() < perHour - (int)perHour ? 1 : 0);
            var times = Enumerable.Range(0, count).Select(_ => rnd.NextDouble()).Order().ToArray();
            foreach (var f in times)
            {
                var at = TimeZoneInfo.ConvertTime(hour.AddHours(f), zone);
                var value = Feedback.Rating(meanOf(at.DateTime, (at - Start).TotalHours), rnd, sd);
                yield return new FeedbackEvent($"{siteId}-{seed}-{n++}", at, siteId, "store", new Dictionary<string, double> { [attribute] = value });
            }
        }
    }
}
