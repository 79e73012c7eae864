using System.Buffers;
using System.Globalization;
using System.Text.Json;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Perf.EndToEnd;

/// <summary>
/// Realistic feedback events, deterministic for a seed: about 6 ratings (5 to 7) out of the catalog plus an NPS driven by
/// them, a channel mix, a touchpoint, a customer id, a verbatim on a quarter of them, site-to-site differences.
/// </summary>
public sealed class FeedbackGenerator(ReferenceCatalog catalog, int seed, string idPrefix)
{
    private static readonly string[] Channels = ["store", "store", "store", "web", "web", "app", "phone", "email", "chat", "survey"];
    private static readonly string[] Touchpoints = ["checkout", "delivery", "after-sales", "advice"];
    private static readonly string[] Comments =
    [
        "Great service, thank you!", "Personnel très aimable.", "Way too long to wait at the checkout.",
        "The product I came for was out of stock again.", "Quick and easy, as always.", "Attente interminable en caisse.",
    ];

    private readonly Random _rnd = new(seed);
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly int[] _order = [.. Enumerable.Range(0, catalog.Attributes.Count)];
    private long _sequence;

    /// <summary>A site picked at random (uniformly).</summary>
    public Site NextSite() => catalog.Sites[_rnd.Next(catalog.Sites.Count)];

    /// <summary>The JSON a channel system would send for one response at <paramref name="site"/>, at <paramref name="at"/>.</summary>
    public byte[] Next(Site site, DateTimeOffset at)
    {
        _buffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(_buffer))
        {
            json.WriteStartObject();
            json.WriteString("eventId", $"{idPrefix}-{++_sequence}");
            json.WriteString("occurredAt", at.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture));
            json.WriteString("siteId", site.SiteId);
            json.WriteString("channel", Channels[_rnd.Next(Channels.Length)]);
            json.WriteString("touchpoint", Touchpoints[_rnd.Next(Touchpoints.Length)]);
            json.WriteString("customerId", $"c{_rnd.Next(1_000_000)}");
            var count = Math.Min(catalog.Attributes.Count, 5 + _rnd.Next(3));
            _rnd.Shuffle(_order);
            json.WriteStartObject("ratings");
            double sum = 0;
            for (var k = 0; k < count; k++)
            {
                var attribute = catalog.Attributes[_order[k]];
                var onFive = Math.Clamp(Math.Round(SiteMean(site, attribute) + ((_rnd.NextDouble() - 0.5) * 2.4)), 1, 5);
                sum += onFive;
                json.WriteNumber(attribute.AttributeId, Math.Round(attribute.Min + ((onFive - 1) / 4 * attribute.Range)));
            }

            json.WriteEndObject();
            json.WriteNumber("nps", Math.Clamp((int)Math.Round(((sum / count) - 1) * 2.5 + _rnd.Next(-1, 2)), 0, 10));
            if (_rnd.Next(4) == 0)
            {
                json.WriteString("comment", Comments[_rnd.Next(Comments.Length)]);
                json.WriteString("language", "en");
            }

            json.WriteEndObject();
        }

        return _buffer.WrittenSpan.ToArray();
    }

    /// <summary>Usual level of an attribute at a site on a 1..5 scale: 4.2 ± 0.2, stable per site and attribute.</summary>
    private static double SiteMean(Site site, AttributeDefinition attribute) =>
        4.2 + ((((uint)StableHash(site.SiteId) ^ (uint)StableHash(attribute.AttributeId)) % 21) - 10) / 50.0;

    private static int StableHash(string s)
    {
        var h = 17;
        foreach (var c in s)
        {
            h = unchecked((h * 31) + c);
        }

        return h;
    }
}
