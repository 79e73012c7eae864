using System.Globalization;
using System.Text.Json;

namespace StreamCx.IntegrationTests.Infrastructure;

/// <summary>Valid feedback events for the sample sites (config/sites.json), and what the engine must count for them.</summary>
public sealed class FeedbackEvents
{
    /// <summary>Sites of config/sites.json in several regions.</summary>
    public static readonly string[] Sites =
    [
        "store-lille-centre", "store-lille-euralille", "store-roubaix-mcarthurglen", "store-arras-grand-place",
        "store-amiens-centre", "store-valenciennes-place-d-armes",
    ];

    public static readonly string[] Attributes = ["waiting-time", "staff-courtesy", "product-availability", "cleanliness"];

    /// <summary>The attribute only markers rate (see <see cref="Infrastructure.Markers"/>).</summary>
    public const string MarkerAttribute = "app-usability";

    private readonly string _runId;
    private readonly Random _random;
    private readonly Dictionary<(string Site, string Attribute), long> _expected = [];
    private int _next;

    public FeedbackEvents(string runId, int seed = 7)
    {
        _runId = runId;
        _random = new Random(seed);
    }

    /// <summary>How many ratings of each site-attribute were generated so far.</summary>
    public IReadOnlyDictionary<(string Site, string Attribute), long> Expected => _expected;

    /// <summary>Events in event-time order ending about now, spread over the last <paramref name="span"/>; key = siteId.</summary>
    public IReadOnlyList<(string Key, string Value)> Next(int count, string channel, IReadOnlyList<string>? sites = null, TimeSpan? span = null)
    {
        sites ??= Sites;
        var end = DateTimeOffset.UtcNow.AddSeconds(-5);
        var step = (span ?? TimeSpan.FromMinutes(10)) / Math.Max(1, count);
        var events = new List<(string, string)>(count);
        for (var i = 0; i < count; i++)
        {
            var site = sites[_random.Next(sites.Count)];
            var ratings = Attributes.OrderBy(_ => _random.Next()).Take(1 + _random.Next(2))
                .ToDictionary(a => a, _ => 1 + _random.Next(5));
            foreach (var attribute in ratings.Keys)
            {
                _expected[(site, attribute)] = _expected.GetValueOrDefault((site, attribute)) + 1;
            }

            events.Add((site, Json(site, channel, end - (step * (count - i)), ratings)));
        }

        return events;
    }

    /// <summary>One event per site, occurring now, rating <see cref="MarkerAttribute"/> only; counted in <see cref="Expected"/>.</summary>
    public IReadOnlyList<(string Key, string Value)> Markers(string channel) =>
        Sites.Select(site =>
        {
            _expected[(site, MarkerAttribute)] = _expected.GetValueOrDefault((site, MarkerAttribute)) + 1;
            return (site, Json(site, channel, DateTimeOffset.UtcNow.AddSeconds(-5), new Dictionary<string, int> { [MarkerAttribute] = 3 }));
        }).ToList();

    /// <summary>One event's JSON, with a unique event id.</summary>
    public string Json(string siteId, string channel, DateTimeOffset occurredAt, IReadOnlyDictionary<string, int> ratings, int? nps = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["eventId"] = $"{_runId}-{Interlocked.Increment(ref _next)}",
            ["occurredAt"] = occurredAt.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
            ["siteId"] = siteId,
            ["channel"] = channel,
            ["nps"] = nps ?? _random.Next(11),
            ["ratings"] = ratings,
        });

    /// <summary>Expected counts per attribute of one site.</summary>
    public IReadOnlyDictionary<string, long> ExpectedFor(string siteId) =>
        _expected.Where(e => e.Key.Site == siteId).ToDictionary(e => e.Key.Attribute, e => e.Value);
}
