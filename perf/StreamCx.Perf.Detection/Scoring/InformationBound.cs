using StreamCx.Perf.Detection.Scenario;

namespace StreamCx.Perf.Detection.Scoring;

/// <summary>
/// How much evidence of a fall the data hold by a deadline, whatever the detector: the z of the matched filter that knows
/// the irritant's onset, shape and size (the most powerful test there is), sqrt(Σ δᵢ²) / σ over the site-attribute's
/// responses between the onset and the deadline, δᵢ the fall at response i on the attribute's scale and σ the responses'
/// spread over the two days before the onset. A detector that does not know when or how a fall starts, run over
/// thousands of monitors and hundreds of evaluations a day, needs a z of 5 or more to keep its false-alarm budget: an
/// irritant whose bound stays below that by the deadline cannot be caught by then.
/// </summary>
public static class InformationBound
{
    /// <summary>The deadline the targets set: 60 % of a ramp, 2 h after a fast irritant's onset; null for other kinds.</summary>
    public static DateTimeOffset? Deadline(Irritant i) => i.Kind switch
    {
        "slow-24h" or "slow-48h" => i.Onset + (0.6 * i.Ramp),
        "fast" => i.Onset.AddHours(2),
        _ => null,
    };

    /// <summary>The matched filter's z at the deadline (NaN for a kind without one, or without responses before the onset).</summary>
    public static double Z(LabelledScenario scenario, Irritant i)
    {
        if (Deadline(i) is not { } until) return double.NaN;
        var attribute = ScenarioWorld.Attributes.First(a => a.AttributeId == i.AttributeId);
        var scale = (attribute.Max - attribute.Min) / 4; // a point of the latent 1–5 scale on the attribute's scale
        var before = new List<double>();
        double squares = 0;
        foreach (var e in scenario.Events)
        {
            if (e.SiteId != i.SiteId || !e.Ratings.TryGetValue(i.AttributeId, out var value)) continue;
            if (e.OccurredAt >= i.Onset.AddDays(-2) && e.OccurredAt < i.Onset) before.Add(value);
            else if (e.OccurredAt >= i.Onset && e.OccurredAt < until)
            {
                var fall = -i.EffectAt(e.OccurredAt) * scale;
                squares += fall * fall;
            }
        }
        if (before.Count < 2) return double.NaN;
        var mean = before.Average();
        var sd = Math.Sqrt(before.Sum(v => (v - mean) * (v - mean)) / (before.Count - 1));
        return Math.Sqrt(squares) / sd;
    }
}
