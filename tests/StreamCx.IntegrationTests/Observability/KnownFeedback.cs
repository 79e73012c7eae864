using System.Globalization;
using System.Text;

namespace StreamCx.IntegrationTests.Observability;

/// <summary>
/// A known set of messages for one region of six sites (s0 … s5, region r0, one attribute): enough evidence for a
/// peer alert on s0 (rated 3 against peers rated 4-5), plus duplicates, a late and a too-late event (produced last, once
/// the rest is applied: late means behind the frontier of event time), an unknown channel and rejected messages of known
/// reasons. The expected counts are those of this list.
/// </summary>
public sealed class KnownFeedback
{
    public const string Attribute = "waiting-time";
    public static readonly string[] Sites = ["s0", "s1", "s2", "s3", "s4", "s5"];

    private readonly List<(string? Key, byte[] Value)> _messages = [];
    private readonly List<byte[]> _late = [];

    public KnownFeedback(DateTimeOffset now)
    {
        var start = now.AddHours(-6);
        // in event-time order, as channel systems produce feedback as it comes
        for (var i = 0; i < 40; i++)
        {
            for (var s = 1; s < Sites.Length; s++) Add(Sites[s], Event($"p{s}-{i}", Sites[s], start.AddMinutes(i * 8), "store", 4 + (i % 2)), channel: "store");
            if (i < 35) Add("s0", Event($"low-{i}", "s0", start.AddMinutes(i * 8), "web", 3), channel: "web");
        }

        Add("s1", Event("p1-0", "s1", start, "store", 4), channel: "store", duplicate: true);
        Add("s1", Event("p1-1", "s1", start.AddMinutes(8), "store", 5), channel: "store", duplicate: true);
        var newestS2 = start.AddMinutes(39 * 8);
        // produced once everything else is applied (LateMessages), so they arrive behind the frontier of event time
        _late.Add(Event("late-1", "s2", newestS2.AddMinutes(-20), "store", 4));
        _late.Add(Event("late-2", "s2", newestS2.AddHours(-3), "store", 4));
        ConsumedByChannel["store"] = ConsumedByChannel.GetValueOrDefault("store") + 2;
        LateByLateness["late"] = 1;
        LateByLateness["too_late"] = 1;
        Add("s3", Event("kiosk-1", "s3", start.AddMinutes(39 * 8 + 1), "kiosk", 4), channel: "other");

        Reject("s4", "{oops", "not-json");
        Reject("s4", "hello world", "not-json");
        Reject("s9", Encoding.UTF8.GetString(Event("bad-site", "s9", start, "store", 4)), "unknown-site");
        Reject("s5", Encoding.UTF8.GetString(Event("bad-scale", "s5", start, "store", 9)), "out-of-scale");
        Reject("s5", $$$"""{"eventId":"no-site","occurredAt":"{{{start:O}}}","channel":"store","ratings":{"{{{Attribute}}}":4}}""", "missing-field");
    }

    /// <summary>Everything but the two late events, in the order a channel system would produce it.</summary>
    public IReadOnlyList<(string? Key, byte[] Value)> Messages => _messages;

    /// <summary>Two events of s2, 20 minutes and 3 hours behind its newest: late and too late once the rest is applied.</summary>
    public IReadOnlyList<(string? Key, byte[] Value)> LateMessages => [.. _late.Select(v => ((string?)"s2", v))];

    public Dictionary<string, int> ConsumedByChannel { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> RejectedByReason { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> LateByLateness { get; } = new(StringComparer.Ordinal);

    public int Duplicates { get; private set; }

    public int Rejected => RejectedByReason.Values.Sum();

    public int Count => _messages.Count + _late.Count;

    private void Add(string key, byte[] value, string channel, bool duplicate = false, string? late = null)
    {
        _messages.Add((key, value));
        ConsumedByChannel[channel] = ConsumedByChannel.GetValueOrDefault(channel) + 1;
        if (duplicate) Duplicates++;
        if (late is not null) LateByLateness[late] = LateByLateness.GetValueOrDefault(late) + 1;
    }

    private void Reject(string key, string value, string reason)
    {
        _messages.Add((key, Encoding.UTF8.GetBytes(value)));
        ConsumedByChannel["rejected"] = ConsumedByChannel.GetValueOrDefault("rejected") + 1;
        RejectedByReason[reason] = RejectedByReason.GetValueOrDefault(reason) + 1;
    }

    private static byte[] Event(string id, string site, DateTimeOffset at, string channel, int rating) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $$$"""{"eventId":"{{{id}}}","occurredAt":"{{{at:O}}}","siteId":"{{{site}}}","channel":"{{{channel}}}","ratings":{"{{{Attribute}}}":{{{rating}}}}}"""));

    public static string SitesJson() =>
        "[" + string.Join(",", Sites.Select(s => $$"""{"siteId":"{{s}}","name":"Site {{s}}","regionId":"r0"}""")) + "]";

    public static string AttributesJson() =>
        $$"""[{"attributeId":"{{Attribute}}","label":"Waiting time","min":1,"max":5,"dissatisfiedAtOrBelow":2}]""";
}
