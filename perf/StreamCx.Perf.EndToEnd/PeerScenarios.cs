using System.Globalization;
using System.Text;
using StreamCx.Domain.Detection;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Perf.EndToEnd;

/// <summary>
/// Peer-alert scenarios, as in <c>StreamCx.Perf.AlertLatency</c>: regions of six sites; five peers rated 4-5 on every
/// attribute (40 responses), site 0 rated 3 (one response short of the minimum sample). Scenario k (region k mod R,
/// attribute k div R) is tipped by one more response of site 0 on that attribute alone: it opens a peer alert.
/// </summary>
public sealed class PeerScenarios
{
    private const int PeerResponses = 40;
    private readonly IReadOnlyList<AttributeDefinition> _attributes;
    private readonly int _regions;
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
    private int _sequence;

    public PeerScenarios(int count, IReadOnlyList<AttributeDefinition> attributes)
    {
        _attributes = attributes;
        _regions = (count + attributes.Count - 1) / attributes.Count;
        Count = count;
        Sites = [.. Enumerable.Range(0, _regions).SelectMany(r => Enumerable.Range(0, 6).Select(s => new Site($"lat-r{r}-s{s}", $"Latency {r}-{s}", $"lat-r{r}")))];
    }

    public int Count { get; }

    public IReadOnlyList<Site> Sites { get; }

    public static bool IsScenarioSite(string siteId) => siteId.StartsWith("lat-", StringComparison.Ordinal);

    /// <summary>The evidence before the measurement, in event-time order per site (6 hours ago onwards).</summary>
    public IEnumerable<(string Key, byte[] Value)> Evidence()
    {
        var minimum = new DetectionSettings().MinPeerSampleSize;
        for (var r = 0; r < _regions; r++)
        {
            for (var s = 1; s < 6; s++)
            {
                for (var i = 0; i < PeerResponses; i++)
                {
                    yield return Event($"lat-r{r}-s{s}", _now.AddHours(-6).AddMinutes(i * 8), _attributes.Select(a => (a.AttributeId, 4 + (i % 2))));
                }
            }

            for (var i = 0; i < minimum - 1; i++)
            {
                yield return Event($"lat-r{r}-s0", _now.AddHours(-6).AddMinutes(i * 8), _attributes.Select(a => (a.AttributeId, 3)));
            }
        }
    }

    /// <summary>The event that tips scenario <paramref name="k"/>, its site, attribute and event time (the alert's <c>raisedAt</c>).</summary>
    public (string Site, string Attribute, DateTimeOffset At, byte[] Value) Tip(int k)
    {
        var site = $"lat-r{k % _regions}-s0";
        var attribute = _attributes[k / _regions].AttributeId;
        var at = _now.AddMinutes(-1).AddMilliseconds(k);
        return (site, attribute, at, Event(site, at, [(attribute, 3)]).Value);
    }

    private (string Key, byte[] Value) Event(string site, DateTimeOffset at, IEnumerable<(string Attribute, int Rating)> ratings)
    {
        var json = new StringBuilder(256);
        json.Append(CultureInfo.InvariantCulture, $$"""{"eventId":"lat-{{++_sequence}}","occurredAt":"{{at:O}}","siteId":"{{site}}","channel":"store","ratings":{""");
        json.AppendJoin(',', ratings.Select(r => string.Create(CultureInfo.InvariantCulture, $"\"{r.Attribute}\":{r.Rating}")));
        json.Append("}}");
        return (site, Encoding.UTF8.GetBytes(json.ToString()));
    }
}
