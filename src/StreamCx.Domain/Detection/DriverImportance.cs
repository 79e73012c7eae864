using StreamCx.Domain.Contracts;

namespace StreamCx.Domain.Detection;

/// <summary>
/// How much each attribute drives the recommendation score: its correlation with NPS over the region's responses,
/// and its rank. Attributes with too few pairs are not ranked.
/// </summary>
public static class DriverImportance
{
    public static IReadOnlyDictionary<string, ImportanceFactor> Rank(IReadOnlyDictionary<string, PairSums> byAttribute, int minPairs)
    {
        var weights = byAttribute
            .Where(kv => kv.Value.Count >= minPairs && !double.IsNaN(kv.Value.Correlation))
            .Select(kv => (Attribute: kv.Key, Weight: Math.Max(0, kv.Value.Correlation)))
            .OrderByDescending(x => x.Weight)
            .ThenBy(x => x.Attribute, StringComparer.Ordinal)
            .ToArray();
        return weights
            .Select((x, i) => (x.Attribute, Factor: new ImportanceFactor(x.Weight, i + 1, weights.Length)))
            .ToDictionary(x => x.Attribute, x => x.Factor, StringComparer.Ordinal);
    }

    /// <summary>Severity multiplier: a weak driver halves severity, a perfect one multiplies it by 1.5; unknown leaves it.</summary>
    public static double Multiplier(ImportanceFactor? importance) => importance is null ? 1.0 : 0.5 + importance.Weight;
}
