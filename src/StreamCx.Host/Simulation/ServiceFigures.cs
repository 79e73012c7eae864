using StreamCx.Domain.ReferenceData;

namespace StreamCx.Host.Simulation;

/// <summary>
/// Who handled a response and how (on its own seeded <see cref="Random"/>, so the responses' other draws stay as they were):
/// at the store one of the site's 3–5 sellers (<c>seller-1</c>…), on the phone, by chat or email one of its 2–3 agents
/// (<c>agent-1</c>…) with the contact's handling time, first-contact resolution (less likely when the ratings are poor) and
/// contacts made; web, app and other self-service responses have no unit. At <c>worseSite</c>, <c>seller-1</c> takes four in five of
/// the responses with a waiting time rated at or below the middle of its scale: the slow checkout of the irritant.
/// </summary>
internal sealed class ServiceFigures(ReferenceCatalog catalog, int seed, Site worseSite)
{
    private static readonly Dictionary<string, double> HandlingSeconds = new(StringComparer.Ordinal) { ["phone"] = 360, ["chat"] = 540, ["email"] = 900 };
    private readonly Random _rnd = new(unchecked((seed * 31) + 8));

    public void AddTo(Dictionary<string, object?> response, Site site, string channel, IReadOnlyDictionary<string, double> ratings)
    {
        var index = Math.Max(0, IndexOf(site));
        if (channel == "store")
        {
            var slow = site == worseSite && ratings.TryGetValue("waiting-time", out var w) && w <= Midpoint("waiting-time") && _rnd.NextDouble() < 0.8;
            response["unitId"] = $"seller-{(slow ? 1 : 1 + _rnd.Next(3 + (index % 3)))}";
            return;
        }
        if (!HandlingSeconds.TryGetValue(channel, out var usual)) return;
        response["unitId"] = $"agent-{1 + _rnd.Next(2 + (index % 2))}";
        var good = ratings.Average(r => (r.Value - catalog.Attribute(r.Key).Min) / catalog.Attribute(r.Key).Range) >= 0.6;
        var resolved = _rnd.NextDouble() < (good ? 0.85 : 0.45);
        response["firstContactResolution"] = resolved;
        response["contactCount"] = resolved ? 1 : 2 + _rnd.Next(3);
        response["handlingSeconds"] = (int)Math.Round(usual * (0.5 + _rnd.NextDouble()) * (resolved ? 1 : 1.4));
    }

    private double Midpoint(string attributeId) => catalog.Attribute(attributeId) is var a ? a.Min + (a.Range / 2) : 0;

    private int IndexOf(Site site)
    {
        for (var i = 0; i < catalog.Sites.Count; i++)
            if (catalog.Sites[i] == site) return i;
        return -1;
    }
}
