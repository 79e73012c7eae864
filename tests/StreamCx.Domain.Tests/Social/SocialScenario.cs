using StreamCx.Domain.Contracts;
using StreamCx.Domain.Tests.Complaints;

namespace StreamCx.Domain.Tests.Social;

/// <summary>Mentions of site-0 (or of the brand): each hour about one negative and three positive (seeded), for 8 days; then a burst.</summary>
internal static class SocialScenario
{
    public static readonly DateTimeOffset Start = ComplaintScenario.Start;
    public static readonly DateTimeOffset Onset = Start.AddDays(8).AddHours(14).AddMinutes(3);

    public static List<SocialMention> Background(string? site = "site-0", int seed = 5, int days = 8)
    {
        var rnd = new Random(seed);
        var list = new List<SocialMention>();
        for (var minute = 0; minute < days * 24 * 60; minute++)
        {
            var at = Start.AddMinutes(minute).AddSeconds(rnd.Next(60));
            var roll = rnd.NextDouble();
            if (roll < 1 / 60.0) list.Add(Mention(site, at, $"bg-neg-{minute}", -0.6, 300));
            else if (roll < 4 / 60.0) list.Add(Mention(site, at, $"bg-pos-{minute}", 0.7, 300));
        }
        return list;
    }

    /// <summary>Two mentions a minute for 20 minutes from <see cref="Onset"/>, of the given sentiment.</summary>
    public static IEnumerable<SocialMention> Burst(double sentiment, string? site = "site-0", string prefix = "burst") =>
        Enumerable.Range(0, 40).Select(n => Mention(site, Onset.AddSeconds(n * 30), $"{prefix}-{n}", sentiment, 1000 + n));

    public static SocialMention Mention(string? site, DateTimeOffset at, string id, double sentiment, long reach) =>
        new(id, at, "x", sentiment, reach, $"https://x.example/{id}") { SiteId = site, Text = "…" };

    public static IEnumerable<T> Ordered<T>(IEnumerable<T> events) where T : ListeningEvent =>
        events.OrderBy(e => e.OccurredAt.UtcTicks).ThenBy(e => e.EventId, StringComparer.Ordinal);
}
