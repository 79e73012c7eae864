using StreamCx.Domain.Contracts;

namespace StreamCx.Domain.Tests.Ingestion;

public sealed class RatingDictionaryTests
{
    private static RatingDictionary Three() =>
        new([new("waiting-time", 2), new("cleanliness", 7.5), new("staff-courtesy", 4)]);

    [Fact]
    public void Lookup_finds_each_rating_by_its_attribute_id()
    {
        var r = Three();

        Assert.Equal(2, r["waiting-time"]);
        Assert.Equal(7.5, r["cleanliness"]);
        Assert.True(r.TryGetValue("staff-courtesy", out var courtesy));
        Assert.Equal(4, courtesy);
        Assert.True(r.ContainsKey("cleanliness"));
    }

    [Fact]
    public void Keys_are_compared_ordinally_and_found_whatever_the_string_instance()
    {
        var r = Three();
        var copy = new string("waiting-time".AsSpan()); // equal text, another instance

        Assert.Equal(2, r[copy]);
        Assert.False(r.ContainsKey("Waiting-Time"));
        Assert.False(r.ContainsKey("waiting-time "));
    }

    [Fact]
    public void A_missing_key_is_reported_like_a_dictionary_does()
    {
        var r = Three();

        Assert.False(r.TryGetValue("product-availability", out var value));
        Assert.Equal(0, value);
        Assert.False(r.ContainsKey("product-availability"));
        Assert.Throws<KeyNotFoundException>(() => r["product-availability"]);
        Assert.Throws<ArgumentNullException>(() => r.ContainsKey(null!));
    }

    [Fact]
    public void Count_is_the_number_of_pairs()
    {
        Assert.Equal(3, Three().Count);
        Assert.Empty(RatingDictionary.Empty);
    }

    [Fact]
    public void Enumeration_gives_the_pairs_in_the_order_given_by_every_route()
    {
        var r = Three();
        string[] order = ["waiting-time", "cleanliness", "staff-courtesy"];

        var typed = new List<string>();
        foreach (var (key, _) in r) typed.Add(key); // the struct enumerator
        Assert.Equal(order, typed);
        Assert.Equal(order, ((IEnumerable<KeyValuePair<string, double>>)r).Select(p => p.Key)); // the interface
        Assert.Equal(order, ((System.Collections.IEnumerable)r).Cast<KeyValuePair<string, double>>().Select(p => p.Key));
        Assert.Equal(order, r.Keys);
        Assert.Equal([2, 7.5, 4], r.Values);
    }

    [Fact]
    public void Reads_the_same_as_a_dictionary_of_the_same_pairs()
    {
        (string Key, double Value)[] pairs = [("waiting-time", 2), ("cleanliness", 7.5), ("staff-courtesy", 4)];
        var r = new RatingDictionary([.. pairs.Select(p => new KeyValuePair<string, double>(p.Key, p.Value))]);
        IReadOnlyDictionary<string, double> d = pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal); // built from the pairs, not from r

        Assert.Equal(d.Count, r.Count);
        foreach (var (key, value) in d) Assert.Equal(value, r[key]);
        Assert.Equal(d.OrderBy(p => p.Key, StringComparer.Ordinal), r.OrderBy(p => p.Key, StringComparer.Ordinal));
        foreach (var key in new[] { "waiting-time", "cleanliness", "product-availability", "Waiting-Time", "" })
        {
            Assert.Equal(d.ContainsKey(key), r.ContainsKey(key));
            Assert.Equal(d.TryGetValue(key, out var expected), r.TryGetValue(key, out var actual));
            Assert.Equal(expected, actual);
        }
    }
}
