using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Grouping;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Host.Replay;

/// <summary>
/// The network groups of a replay: every region's groups taken in <see cref="NetworkGrouping.Order"/> (as the engine
/// takes them once its regions have passed them), each network emission written right after the region group that caused it.
/// </summary>
public static class NetworkReplay
{
    public static IReadOnlyDictionary<(string AlertId, int Sequence), List<Alert>> Run(IEnumerable<IReadOnlyList<Alert>> alerts, ReferenceCatalog catalog, DetectionSettings settings)
    {
        var after = new Dictionary<(string, int), List<Alert>>();
        if (NetworkGrouping.For(catalog, settings) is not { } grouping) return after;
        foreach (var batch in alerts)
        {
            foreach (var alert in batch) grouping.Take(alert);
        }
        foreach (var (cause, _, emitted) in grouping.Release(null))
        {
            var key = (cause.AlertId, cause.Sequence);
            if (!after.TryGetValue(key, out var list)) after[key] = list = [];
            list.Add(emitted);
        }
        return after;
    }
}
