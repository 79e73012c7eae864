namespace StreamCx.Domain.Snapshots;

/// <summary>Dictionaries as snapshots keep them: keys in ordinal order, so the same state always gives the same snapshot.</summary>
internal static class OrdinalKeys
{
    /// <summary>A copy of <paramref name="entries"/> with each value captured, its keys in ordinal order.</summary>
    public static Dictionary<string, TSnapshot> ToOrdinalDictionary<TValue, TSnapshot>(
        this IEnumerable<KeyValuePair<string, TValue>> entries, Func<TValue, TSnapshot> capture) =>
        entries.OrderBy(e => e.Key, StringComparer.Ordinal).ToDictionary(e => e.Key, e => capture(e.Value), StringComparer.Ordinal);
}
