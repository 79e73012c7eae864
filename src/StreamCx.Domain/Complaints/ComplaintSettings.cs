namespace StreamCx.Domain.Complaints;

/// <summary>
/// The complaint surge test (configuration section <c>Complaints</c>; README "Complaints"): a reason's count at a site over
/// the last <see cref="SpansHours"/> hours of event time against the count its usual rate predicts — the larger of its own
/// rate and its peers' median rate over <see cref="BaselineDays"/> before — on a Poisson tail.
/// </summary>
public sealed record ComplaintSettings
{
    /// <summary>
    /// The recent spans tested (hours, each ending with the current hour); the most surprising one is reported. Null: the
    /// defaults, <see cref="DefaultSpans"/> (null rather than the list itself, so a list set in configuration replaces it:
    /// the configuration binder appends to an array it finds).
    /// </summary>
    public int[]? SpansHours { get; init; }

    public static IReadOnlyList<int> DefaultSpans { get; } = [1, 2, 4, 8, 24];

    /// <summary>The spans in use.</summary>
    public IReadOnlyList<int> Spans => SpansHours is { Length: > 0 } spans ? spans : DefaultSpans;

    /// <summary>The usual rate is measured over this many days before the longest span.</summary>
    public int BaselineDays { get; init; } = 28;

    /// <summary>No test before the region's complaints cover this many hours of baseline.</summary>
    public int MinBaselineHours { get; init; } = 72;

    /// <summary>
    /// A surge: P(count ≥ observed) at most this. The spans are re-tested at every complaint, about two independent tests an
    /// hour: at most about 0.015 false surges per site-reason and month of Poisson noise (0.5 per 1,000 site-reason-days,
    /// below the surveys' detectors' 2 false opens per 1,000 site-attribute-days).
    /// </summary>
    public double SurgeP { get; init; } = 1e-5;

    /// <summary>… with at least this many complaints in the span …</summary>
    public int MinCount { get; init; } = 5;

    /// <summary>… and at least this many times the expected count.</summary>
    public double MinRatio { get; init; } = 2;

    /// <summary>An open surge is resolved once no span is below this tail probability (hysteresis).</summary>
    public double ResolveP { get; init; } = 1e-2;

    /// <summary>Peers needed (other sites of the region with complaints) for their median rate to count.</summary>
    public int MinPeers { get; init; } = 3;

    /// <summary>Distinct reasons and channels kept per site; more (an unbounded stream of new values) count under <see cref="Overflow"/>.</summary>
    public int MaxKeysPerSite { get; init; } = 256;

    /// <summary>The reason (or channel) under which values beyond <see cref="MaxKeysPerSite"/> are counted: nothing is lost.</summary>
    public const string Overflow = "(other)";

    public int LongestSpan => Spans.Max();

    public IEnumerable<string> Validate()
    {
        if (Spans.Any(s => s is < 1 or > 168)) yield return "SpansHours must list spans of 1 to 168 hours";
        if (BaselineDays is < 1 or > 366) yield return $"BaselineDays must be from 1 to 366, got {BaselineDays}";
        if (MinBaselineHours < 1 || MinBaselineHours > BaselineDays * 24) yield return $"MinBaselineHours must be from 1 to BaselineDays × 24, got {MinBaselineHours}";
        if (SurgeP is <= 0 or >= 0.5) yield return $"SurgeP must be in (0, 0.5), got {SurgeP}";
        if (ResolveP <= SurgeP || ResolveP >= 1) yield return $"ResolveP must be above SurgeP and below 1, got {ResolveP}";
        if (MinCount < 1) yield return $"MinCount must be at least 1, got {MinCount}";
        if (MinRatio < 1) yield return $"MinRatio must be at least 1, got {MinRatio}";
        if (MinPeers < 1) yield return $"MinPeers must be at least 1, got {MinPeers}";
        if (MaxKeysPerSite < 1) yield return $"MaxKeysPerSite must be at least 1, got {MaxKeysPerSite}";
    }
}
