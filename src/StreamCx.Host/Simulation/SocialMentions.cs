using System.Globalization;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Host.Simulation;

/// <summary>
/// Posts about the sites (<c>perSitePerHour</c> a site an hour) and about the brand as a whole (<c>brandPerHour</c>, no site),
/// on the catalog's platforms: three in five positive, one in five neutral, one in five negative; reach from a few dozen
/// followers to tens of thousands.
/// </summary>
public sealed class SocialMentions(ReferenceCatalog catalog, int seed, double perSitePerHour, double brandPerHour, DateTimeOffset from)
    : ScriptedSource(unchecked((seed * 31) + 7), (perSitePerHour * catalog.Sites.Count) + brandPerHour, from)
{
    private readonly string[] _platforms = Platforms(catalog);
    private readonly double _brandShare = brandPerHour / ((perSitePerHour * catalog.Sites.Count) + brandPerHour);

    /// <summary>The catalog's platforms, or the shipped ones without a catalog.</summary>
    public static string[] Platforms(ReferenceCatalog catalog) =>
        catalog.Listening.Platforms.Count > 0 ? [.. catalog.Listening.Platforms.Select(p => p.PlatformId)] : ["x", "facebook", "google-reviews"];

    /// <summary>A follower count: log-normal around a few hundred.</summary>
    public static long Reach(Random rnd) => (long)Math.Clamp(Math.Round(Math.Exp(6 + rnd.Normal(1.5))), 1, 10_000_000);

    public static string Say(string template, Site? site) => string.Format(CultureInfo.InvariantCulture, template, site?.Name ?? ListeningTexts.Brand);

    protected override IReadOnlyList<SimulatedMessage> Script(long index, DateTimeOffset start)
    {
        var site = Rnd.NextDouble() < _brandShare ? null : Rnd.Choose(catalog.Sites);
        var roll = Rnd.NextDouble();
        var (sentiment, texts) = roll < 0.6 ? (0.3 + (0.6 * Rnd.NextDouble()), ListeningTexts.SocialPositive)
            : roll < 0.8 ? (-0.2 + (0.45 * Rnd.NextDouble()), ListeningTexts.SocialNeutral)
            : (-0.35 - (0.55 * Rnd.NextDouble()), ListeningTexts.SocialNegative);
        return [ListeningMessages.Mention($"sim-{seed}-m{index}", start, site, Rnd.Choose(_platforms), sentiment, Reach(Rnd), Say(Rnd.Choose(texts), site))];
    }
}
