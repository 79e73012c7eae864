using StreamCx.Domain.Contracts;
using StreamCx.Domain.ReferenceData;

namespace StreamCx.Domain.Channels;

/// <summary>
/// The indicators channels are compared on, each as a value per response so that its mean is the indicator: NPS (+100 a
/// promoter, 0 a passive, −100 a detractor: the mean is the NPS), CSAT (100 for 4–5, else 0: the mean is % satisfied), CES
/// (as given, 1–7, higher is more effort) and every attribute of the catalog (as rated).
/// </summary>
public sealed class SharedIndicators
{
    public const string Nps = "nps";
    public const string Csat = "csat";
    public const string Ces = "ces";

    private readonly IndicatorDefinition[] _all;
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    public SharedIndicators(ReferenceCatalog catalog)
    {
        _all =
        [
            new(Nps, "NPS", -100, 100, true),
            new(Csat, "CSAT (% satisfied)", 0, 100, true),
            new(Ces, "Customer effort (CES)", 1, 7, false),
            .. catalog.Attributes.Select(a => new IndicatorDefinition(a.AttributeId, a.Label, a.Min, a.Max, true)),
        ];
        for (var i = 0; i < _all.Length; i++) _index.TryAdd(_all[i].IndicatorId, i);
    }

    public IReadOnlyList<IndicatorDefinition> All => _all;

    public IndicatorDefinition this[int index] => _all[index];

    /// <summary>The index of an indicator by id (false: not one of this catalog's).</summary>
    public bool TryIndexOf(string indicatorId, out int index) => _index.TryGetValue(indicatorId, out index);

    /// <summary>Each indicator the event carries, by index, with its value for this response.</summary>
    public void Read(FeedbackEvent e, List<(int Indicator, double Value)> into)
    {
        if (e.Nps is { } nps) into.Add((0, nps >= 9 ? 100 : nps <= 6 ? -100 : 0));
        if (e.Csat is { } csat) into.Add((1, csat >= 4 ? 100 : 0));
        if (e.Ces is { } ces) into.Add((2, ces));
        foreach (var (attributeId, value) in e.Ratings)
            if (_index.TryGetValue(attributeId, out var i) && i >= 3) into.Add((i, value));
    }
}

/// <summary>An indicator: its id (an attribute id, or <c>nps</c>, <c>csat</c>, <c>ces</c>), label, scale and direction.</summary>
public sealed record IndicatorDefinition(string IndicatorId, string Label, double Min, double Max, bool HigherIsBetter)
{
    public double Range => Max - Min;
}
