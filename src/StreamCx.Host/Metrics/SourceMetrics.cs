using System.Collections.Frozen;
using Prometheus;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Ingestion;
using StreamCx.Domain.Listening;

namespace StreamCx.Host.Metrics;

/// <summary>
/// Messages by source type (<c>feedback</c> and the listening sources): consumed (valid), rejected (the type the message
/// named; <c>unknown</c> when refused before its type was known) and flagged (a catalog value kept as given but not in its
/// catalog, by catalog). Every label value is bounded and created at zero.
/// </summary>
public sealed class SourceMetrics
{
    private const string UnknownType = "unknown";

    private readonly FrozenDictionary<string, Counter.Child> _consumed, _rejected;
    private readonly FrozenDictionary<(string Type, CatalogFlags Flag), Counter.Child> _flagged;

    public SourceMetrics(MetricFactory f)
    {
        var types = FeedbackParser.MessageTypes;
        var consumed = f.CreateCounter("streamcx_source_messages_consumed_total", "Valid messages taken in, by message type", ["type"]);
        var rejected = f.CreateCounter("streamcx_source_messages_rejected_total", "Messages rejected and dead-lettered, by the type they named (unknown: refused before it was read)", ["type"]);
        var flagged = f.CreateCounter("streamcx_source_messages_flagged_total",
            "Valid messages carrying a value not in its catalog (kept as given, shown as uncatalogued), by message type and catalog", ["type", "catalog"]);
        _consumed = types.ToFrozenDictionary(t => t, t => consumed.WithLabels(t), StringComparer.Ordinal);
        _rejected = types.Append(UnknownType).ToFrozenDictionary(t => t, t => rejected.WithLabels(t), StringComparer.Ordinal);
        _flagged = FlagsByType.SelectMany(kv => kv.Flags.Select(flag => (kv.Type, flag)))
            .ToFrozenDictionary(k => k, k => flagged.WithLabels(k.Type, ListeningCounters.CatalogName(k.flag)));
    }

    /// <summary>The catalogs each type's values may be flagged against.</summary>
    private static readonly (string Type, CatalogFlags[] Flags)[] FlagsByType =
    [
        ("feedback", [CatalogFlags.UnknownDepartment, CatalogFlags.UnknownRole]),
        (ListeningTypes.Complaint, [CatalogFlags.UnknownReason]),
        (ListeningTypes.Incident, [CatalogFlags.UnknownIncidentType]),
        (ListeningTypes.InternalReport, [CatalogFlags.UnknownReporterRole]),
        (ListeningTypes.SocialMention, [CatalogFlags.UnknownPlatform]),
    ];

    public void Rejected(Rejection rejection) => _rejected[rejection.MessageType ?? UnknownType].Inc();

    public void Consumed(string type, CatalogFlags flags)
    {
        _consumed[type].Inc();
        if (flags == CatalogFlags.None) return;
        foreach (var (key, counter) in _flagged)
            if (key.Type == type && flags.HasFlag(key.Flag)) counter.Inc();
    }
}
