namespace StreamCx.Domain.Channels;

/// <summary>
/// Channels and touchpoints on shared indicators (configuration section <c>Channels</c>; README "Channels and touchpoints"):
/// each indicator (NPS, CSAT, CES, every attribute) per channel × touchpoint per site, summed by hour of event time over
/// the longest span; a channel (or a touchpoint) markedly worse than the site's others on the same indicator over one of
/// <see cref="SpansHours"/> is the <c>channel</c> factor. Tested once per closed hour of event time.
/// </summary>
public sealed record ChannelSettings
{
    /// <summary>False: no channel view and no <c>channel</c> factor.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// The windows compared, in hours of event time, each ending with the hour just closed: a short one sees a busy channel
    /// break within hours, a long one a quiet channel's lasting gap. Null: <see cref="DefaultSpans"/>.
    /// </summary>
    public int[]? SpansHours { get; init; }

    public static IReadOnlyList<int> DefaultSpans { get; } = [6, 24, 72];

    public IReadOnlyList<int> Spans => SpansHours is { Length: > 0 } spans ? [.. spans.Order()] : DefaultSpans;

    /// <summary>The hours kept per site: the longest span.</summary>
    public int WindowHours => Spans[^1];

    /// <summary>Responses the channel (or touchpoint) and the site's others each need in a span to be compared there.</summary>
    public int MinResponses { get; init; } = 30;

    /// <summary>The gap to the others' mean that counts as markedly worse, as a share of the indicator's scale (0.15: 0.6 on a 1–5 scale, 30 NPS points).</summary>
    public double MinGapShare { get; init; } = 0.15;

    /// <summary>
    /// And the gap's z (gap over its standard error under "like the others", <see cref="ChannelGap.Read"/>) at least this: a
    /// handful of bad answers is not a channel problem. High because it is tested every hour for every site, channel,
    /// touchpoint, indicator and span: on 23 seeds of 49 channel-neutral sites over 3 days (the equivalence scenario), 4 gave 4
    /// chance opens, 4.5 gave 1.
    /// </summary>
    public double MinZ { get; init; } = 4.5;

    /// <summary>An open channel alert resolves when the gap falls below this share of the scale, or its z below <see cref="ResolveZ"/>.</summary>
    public double ResolveGapShare { get; init; } = 0.075;

    public double ResolveZ { get; init; } = 2;

    /// <summary>Distinct channels, and touchpoints, kept per site; more count under <c>(other)</c> (nothing is lost).</summary>
    public int MaxValuesPerSite { get; init; } = 16;

    /// <summary>The standard deviation used is at least this share of the scale (a channel whose answers are all alike is not infinitely certain).</summary>
    public double SpreadFloorShare { get; init; } = 0.05;

    public IEnumerable<string> Validate()
    {
        if (Spans.Any(h => h is < 1 or > 24 * 90)) yield return $"SpansHours must be from 1 to 2160, got {string.Join(", ", Spans)}";
        if (MinResponses < 2) yield return $"MinResponses must be at least 2, got {MinResponses}";
        if (MinGapShare is <= 0 or > 1) yield return $"MinGapShare must be in (0, 1], got {MinGapShare}";
        if (ResolveGapShare < 0 || ResolveGapShare >= MinGapShare) yield return $"ResolveGapShare must be from 0 to below MinGapShare, got {ResolveGapShare}";
        if (MinZ <= 0) yield return $"MinZ must be above 0, got {MinZ}";
        if (ResolveZ < 0 || ResolveZ >= MinZ) yield return $"ResolveZ must be from 0 to below MinZ, got {ResolveZ}";
        if (MaxValuesPerSite is < 2 or > 250) yield return $"MaxValuesPerSite must be from 2 to 250, got {MaxValuesPerSite}";
        if (SpreadFloorShare is <= 0 or >= 1) yield return $"SpreadFloorShare must be in (0, 1), got {SpreadFloorShare}";
    }
}
