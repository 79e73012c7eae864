namespace StreamCx.Domain.Social;

/// <summary>
/// The social early warning (configuration section <c>Social</c>; README "Social early warning"): negative mentions of a
/// site (or of the brand, without a site) counted in buckets of <see cref="BucketMinutes"/> of event time; an acceleration
/// is their count over a recent span far above what their usual rate predicts, on a Poisson tail.
/// </summary>
public sealed record SocialSettings
{
    /// <summary>A mention at or below this sentiment (−1..1) is negative.</summary>
    public double NegativeAtOrBelow { get; init; } = -0.3;

    public int BucketMinutes { get; init; } = 5;

    /// <summary>The recent spans tested, in minutes (multiples of <see cref="BucketMinutes"/>). Null: <see cref="DefaultSpans"/>.</summary>
    public int[]? SpansMinutes { get; init; }

    public static IReadOnlyList<int> DefaultSpans { get; } = [15, 30, 60];

    public IReadOnlyList<int> Spans => SpansMinutes is { Length: > 0 } spans ? spans : DefaultSpans;

    /// <summary>The usual rate of negative mentions is measured over this many days before the longest span.</summary>
    public int BaselineDays { get; init; } = 7;

    /// <summary>No test before the scope's mentions cover this many hours of baseline.</summary>
    public int MinBaselineHours { get; init; } = 24;

    /// <summary>
    /// An acceleration: P(count ≥ observed) at most this. About seven independent tests an hour per scope: about 0.005
    /// false accelerations per scope and month of Poisson noise.
    /// </summary>
    public double SurgeP { get; init; } = 1e-6;

    public int MinCount { get; init; } = 5;

    public double MinRatio { get; init; } = 3;

    /// <summary>
    /// A survey alert already open at a site is escalated as spreading (<see cref="SpreadingEscalation"/>) when the site's
    /// negative mentions over a span are this unlikely, at least <see cref="SpreadingMinCount"/> and <see cref="MinRatio"/>
    /// times their usual rate: a lower bar than an acceleration's, as the irritant is known already.
    /// </summary>
    public double SpreadingP { get; init; } = 1e-3;

    public int SpreadingMinCount { get; init; } = 3;

    /// <summary>An open acceleration is resolved once no span is below this tail probability.</summary>
    public double ResolveP { get; init; } = 1e-2;

    public TimeSpan BucketWidth => TimeSpan.FromMinutes(BucketMinutes);

    public IEnumerable<string> Validate()
    {
        if (NegativeAtOrBelow is < -1 or >= 1) yield return $"NegativeAtOrBelow must be in [-1, 1), got {NegativeAtOrBelow}";
        if (BucketMinutes is < 1 or > 60) yield return $"BucketMinutes must be from 1 to 60, got {BucketMinutes}";
        else if (Spans.Any(s => s < BucketMinutes || s % BucketMinutes != 0 || s > 24 * 60))
            yield return $"SpansMinutes must be multiples of BucketMinutes ({BucketMinutes}) up to 1440";
        if (BaselineDays is < 1 or > 90) yield return $"BaselineDays must be from 1 to 90, got {BaselineDays}";
        if (MinBaselineHours < 1 || MinBaselineHours > BaselineDays * 24) yield return $"MinBaselineHours must be from 1 to BaselineDays × 24, got {MinBaselineHours}";
        if (SurgeP is <= 0 or >= 0.5) yield return $"SurgeP must be in (0, 0.5), got {SurgeP}";
        if (ResolveP <= SurgeP || ResolveP >= 1) yield return $"ResolveP must be above SurgeP and below 1, got {ResolveP}";
        if (SpreadingP is <= 0 or >= 0.5) yield return $"SpreadingP must be in (0, 0.5), got {SpreadingP}";
        if (SpreadingMinCount < 1) yield return $"SpreadingMinCount must be at least 1, got {SpreadingMinCount}";
        if (MinCount < 1) yield return $"MinCount must be at least 1, got {MinCount}";
        if (MinRatio < 1) yield return $"MinRatio must be at least 1, got {MinRatio}";
    }
}
