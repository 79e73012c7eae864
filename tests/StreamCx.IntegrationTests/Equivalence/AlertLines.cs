using System.Text.Json.Nodes;

namespace StreamCx.IntegrationTests.Equivalence;

/// <summary>
/// Alert emissions compared the way the one-truth model compares them: every field but <c>emittedAt</c>, keyed by
/// (alertId, sequence). Copies of one emission count once; two different contents for one key are a conflict.
/// </summary>
public sealed class AlertLines
{
    private AlertLines(Dictionary<(string AlertId, long Sequence), List<string>> byKey) => ByKey = byKey;

    public IReadOnlyDictionary<(string AlertId, long Sequence), List<string>> ByKey { get; }

    public int Count => ByKey.Count;

    public static AlertLines Parse(IEnumerable<string> jsonLines)
    {
        var byKey = new Dictionary<(string, long), List<string>>();
        foreach (var line in jsonLines.Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            var node = JsonNode.Parse(line)!.AsObject();
            node.Remove("emittedAt");
            var key = (node["alertId"]!.GetValue<string>(), node["sequence"]!.GetValue<long>());
            if (!byKey.TryGetValue(key, out var copies)) byKey[key] = copies = [];
            copies.Add(node.ToJsonString());
        }
        return new AlertLines(byKey);
    }

    /// <summary>Emissions of <paramref name="reference"/> missing here, here and not there, and keys whose contents differ.</summary>
    public (List<string> Missing, List<string> Extra, List<string> Conflicting, int Duplicated) Against(AlertLines reference)
    {
        var missing = reference.ByKey.Keys.Where(k => !ByKey.ContainsKey(k)).Select(k => reference.ByKey[k][0]).ToList();
        var extra = ByKey.Keys.Where(k => !reference.ByKey.ContainsKey(k)).Select(k => ByKey[k][0]).ToList();
        var conflicting = ByKey.Where(kv => kv.Value.Distinct().Count() > 1 || (reference.ByKey.TryGetValue(kv.Key, out var r) && r[0] != kv.Value[0]))
            .Select(kv => $"{kv.Key.AlertId}#{kv.Key.Sequence}:\n  live   {kv.Value[0]}\n  replay {(reference.ByKey.TryGetValue(kv.Key, out var r) ? r[0] : "-")}").ToList();
        var duplicated = ByKey.Values.Sum(v => v.Count - 1);
        return (missing, extra, conflicting, duplicated);
    }
}
