using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace StreamCx.Domain.Contracts;

/// <summary>
/// The ratings of one event (attribute id → value) as a read-only map over one exactly sized array of pairs, in the
/// order they were given. Why not a <see cref="Dictionary{TKey,TValue}"/>: an event carries a handful of ratings, read
/// once in order; a dictionary costs about 330 bytes for six (object, buckets, entries with hash and link), this one
/// 144, and a linear lookup over a few keys is as fast as hashing. Keys are compared ordinally, like the parser's
/// dictionary before it; the pairs must have distinct keys (the parser rejects a repeated attribute).
/// </summary>
public sealed class RatingDictionary : IReadOnlyDictionary<string, double>
{
    private readonly KeyValuePair<string, double>[] _pairs;

    /// <summary>Takes ownership of <paramref name="pairs"/> (not copied): the caller must not change it afterwards.</summary>
    public RatingDictionary(KeyValuePair<string, double>[] pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        _pairs = pairs;
    }

    public static RatingDictionary Empty { get; } = new([]);

    public int Count => _pairs.Length;

    public double this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The given key '{key}' was not present in the dictionary.");

    public IEnumerable<string> Keys => _pairs.Select(p => p.Key);

    public IEnumerable<double> Values => _pairs.Select(p => p.Value);

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out double value)
    {
        var i = IndexOf(key);
        value = i >= 0 ? _pairs[i].Value : default;
        return i >= 0;
    }

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        for (var i = 0; i < _pairs.Length; i++)
            if (string.Equals(_pairs[i].Key, key, StringComparison.Ordinal)) return i;
        return -1;
    }

    /// <summary>Enumerates the pairs without allocating (a struct enumerator for <c>foreach</c> on the map's own type).</summary>
    public Enumerator GetEnumerator() => new(_pairs);

    IEnumerator<KeyValuePair<string, double>> IEnumerable<KeyValuePair<string, double>>.GetEnumerator() => ((IEnumerable<KeyValuePair<string, double>>)_pairs).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _pairs.GetEnumerator();

    /// <summary>The pairs in order, by index into the array.</summary>
    public struct Enumerator(KeyValuePair<string, double>[] pairs)
    {
        private int _index = -1;

        public readonly KeyValuePair<string, double> Current => pairs[_index];

        public bool MoveNext() => ++_index < pairs.Length;
    }
}
