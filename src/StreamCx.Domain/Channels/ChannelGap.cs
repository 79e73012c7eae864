namespace StreamCx.Domain.Channels;

/// <summary>
/// How much worse one channel (or touchpoint) is than the site's others on an indicator (pure). The gap is taken to the
/// median of the other channels' means (those with a third of <see cref="ChannelSettings.MinResponses"/>, at least 5; the
/// others pooled when none has), so that one exceptionally good channel does not make every other look bad; its
/// significance is the z of the gap to the others pooled under the hypothesis that the channel is like the others: the
/// variance is that of every response of the span together (floored at <see cref="ChannelSettings.SpreadFloorShare"/> of the
/// scale), not each side's own. A channel's own variance is smallest exactly when its few answers happen to agree (NPS and
/// CSAT are two or three values per response), which made a chance run of passives look certain. Gaps are positive when
/// worse, whatever the indicator's direction.
/// </summary>
public static class ChannelGap
{
    public static ChannelReading? Read(Moments value, Moments others, IEnumerable<Moments> otherValues, IndicatorDefinition indicator, ChannelSettings s)
    {
        if (value.N == 0 || others.N == 0) return null;
        var sign = indicator.HigherIsBetter ? 1 : -1;
        var pooledGap = (others.Mean - value.Mean) * sign;
        var floor = Math.Pow(s.SpreadFloorShare * indicator.Range, 2);
        var standardError = Math.Sqrt(Math.Max(value.Plus(others).Variance, floor) * ((1.0 / value.N) + (1.0 / others.N)));
        var minForMedian = Math.Max(5, s.MinResponses / 3);
        var means = otherValues.Where(m => m.N >= minForMedian).Select(m => m.Mean).Order().ToArray();
        var typical = means.Length == 0 ? others.Mean
            : means.Length % 2 == 1 ? means[means.Length / 2] : (means[(means.Length / 2) - 1] + means[means.Length / 2]) / 2;
        return new ChannelReading(value, others, typical, (typical - value.Mean) * sign, pooledGap / standardError);
    }

    /// <summary>
    /// Markedly worse: enough responses on both sides, a gap to the others' median of at least
    /// <see cref="ChannelSettings.MinGapShare"/> of the scale, and a z to the others pooled of at least <see cref="ChannelSettings.MinZ"/>.
    /// </summary>
    public static bool Opens(ChannelReading r, IndicatorDefinition indicator, ChannelSettings s) =>
        r.Value.N >= s.MinResponses && r.Others.N >= s.MinResponses && r.Gap >= s.MinGapShare * indicator.Range && r.Z >= s.MinZ;

    /// <summary>Back in line (the hysteresis of the resolution): the gap below <see cref="ChannelSettings.ResolveGapShare"/> of the scale, or z below <see cref="ChannelSettings.ResolveZ"/>.</summary>
    public static bool Resolves(ChannelReading? r, IndicatorDefinition indicator, ChannelSettings s) =>
        r is null || r.Gap < s.ResolveGapShare * indicator.Range || r.Z < s.ResolveZ;
}

/// <summary>A channel's sums, the others' pooled, the others' typical (median) mean, the gap to it (positive = worse) and the z of the gap to the others pooled (<see cref="ChannelGap.Read"/>).</summary>
public sealed record ChannelReading(Moments Value, Moments Others, double OthersTypical, double Gap, double Z);
