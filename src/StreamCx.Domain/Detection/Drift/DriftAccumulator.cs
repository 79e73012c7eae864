using StreamCx.Domain.Contracts;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Detection.Drift;

/// <summary>
/// Evidence of a fall that accumulates over hours (a one-sided CUSUM on the responses, corrected for the seasonal
/// profile): what a sparse site needs (two responses an hour never fill a 2 h trend span) and what a slow drift over
/// one or two days needs (each hour a little lower: no short span sees it). Fed once per closed hour, in event-time
/// order; O(1) state, carried in the snapshot (<see cref="DriftState"/>).
/// </summary>
/// <remarks>
/// Per closed hour with n responses of adjusted mean x̄ (the hour's mean less its usual seasonal offset), against a slow
/// reference level μ and the responses' spread σ: S ← max(0, S + m((μ − x̄)/σ − k)), k = <see cref="DetectionSettings.DriftAllowance"/>,
/// where m = σ² / (σ²/n + τ²) is n for a quiet hour and at most σ²/τ² for a busy one: hourly means also wander by τ
/// (<see cref="DetectionSettings.DriftHourSpread"/> of the scale) beyond sampling, which n alone would read as evidence.
/// S is the log-likelihood evidence for a fall of 2kσ against none, summed since the run began (the last time S was
/// 0); it signals once S ≥ <see cref="DetectionSettings.DriftThreshold"/> and the run's mean is below μ by at least
/// <see cref="DetectionSettings.MinTrendEffect"/> of the scale. μ and σ are exponentially weighted over the hours
/// (half-life <see cref="DetectionSettings.DriftReferenceHalfLife"/>), so a lasting new level is eventually accepted.
/// S is capped at twice the threshold: the evidence of a long irritant does not outlast its recovery by days. Nothing
/// accumulates during the first <see cref="DetectionSettings.MinProfileDays"/> days of the site-attribute (from its first
/// hour with responses): the profile has not learned its usual rhythm yet.
/// </remarks>
/// <param name="allowance">k, in standard deviations (<see cref="DetectionSettings.DriftAllowance"/> by default).</param>
/// <param name="threshold">The evidence that signals (<see cref="DetectionSettings.DriftThreshold"/> by default).</param>
public sealed class DriftAccumulator(DetectionSettings settings, double allowance, double threshold)
{
    /// <summary>The drift at the settings' allowance and threshold.</summary>
    public DriftAccumulator(DetectionSettings settings)
        : this(settings, settings.DriftAllowance, settings.DriftThreshold)
    {
    }

    // the reference's decay per hour (read at every evaluation through the open hours: computed once)
    private readonly double _decay = Math.Pow(0.5, 1.0 / settings.DriftReferenceHalfLife.TotalHours);
    private DriftState _s = DriftState.Empty;

    public DriftState State => _s;

    public void Restore(DriftState? state) => _s = state ?? DriftState.Empty;

    /// <summary>One closed hour: its responses (count, sum, sum of squares) and its usual offset from the profile.</summary>
    /// <param name="range">The attribute's scale range (max − min).</param>
    /// <param name="borrowed">The hour's usual offset is the region's (<see cref="Seasonality.SeasonalProfile.Borrows"/>): known, even in the learning days.</param>
    public void Hour(long hour, in WindowStats stats, double offset, double range, bool borrowed = false) => _s = Step(_s, hour, stats, offset, range, borrowed);

    /// <summary>The state after one more hour of responses (pure: the accumulator's state is not changed).</summary>
    public DriftState Step(DriftState s, long hour, in WindowStats stats, double offset, double range, bool borrowed = false)
    {
        if (stats.Count == 0) return s;
        var n = stats.Count;
        var x = (stats.Sum / n) - offset;
        var floored = Floored(s.Variance, range);
        var sigma = Math.Sqrt(floored);
        if (s.ReferenceWeight == 0) s = s with { FirstHour = hour };
        // no evidence while the site-attribute is younger than the profile's learning days: its usual rhythm (a lunch dip
        // every day) is not known yet, and the reference is still moving with it — unless the hour takes the region's rhythm
        var learning = hour - s.FirstHour < (long)settings.MinProfileDays * 24 && !borrowed;
        if (s.ReferenceWeight >= settings.MinBaselineCount && s.Variance > 0 && !learning)
        {
            // an hour's mean also moves from hour to hour beyond sampling (spread τ): a busy hour counts as at most σ²/τ² responses
            var tau = settings.DriftHourSpread * range;
            var effective = floored / ((floored / n) + (tau * tau));
            var step = effective * (((s.Reference - x) / sigma) - allowance);
            // capped at twice the threshold, so that a recovered attribute drains it within hours, not days
            var evidence = Math.Clamp(s.Evidence + step, 0, 2 * threshold);
            s = evidence == 0
                ? s with { Evidence = 0, RunCount = 0, RunSum = 0, RunStartHour = hour + 1 }
                : s with { Evidence = evidence, RunCount = s.RunCount + n, RunSum = s.RunSum + (n * x), RunStartHour = s.RunCount == 0 ? hour : s.RunStartHour };
        }
        var decay = _decay;
        var weight = (s.ReferenceWeight * decay) + n;
        var reference = s.ReferenceWeight == 0 ? x : ((s.Reference * s.ReferenceWeight * decay) + (n * x)) / weight;
        var within = n >= 2 ? (stats.SumSquares - (stats.Sum * stats.Sum / n)) / (n - 1) : double.NaN;
        var variance = s.Variance;
        var varianceWeight = s.VarianceWeight;
        if (double.IsFinite(within))
        {
            var vw = (varianceWeight * decay) + (n - 1);
            variance = ((variance * varianceWeight * decay) + ((n - 1) * within)) / vw;
            varianceWeight = vw;
        }
        return s with { Reference = reference, ReferenceWeight = weight, Variance = variance, VarianceWeight = varianceWeight, LastHour = hour };
    }

    /// <summary>The trend signal of the closed hours' evidence (see <see cref="Evaluate(DriftState, double, double)"/>).</summary>
    public Signal? Evaluate(double range, double spreadFloor) => Evaluate(_s, range, spreadFloor);

    /// <summary>
    /// The responses' variance, but not below <see cref="DetectionSettings.ProfileSpreadFloor"/> of the scale (squared):
    /// readings that hardly spread (all 0 or 10 until one is not) must not make one departure a fall of any size.
    /// </summary>
    public static double Floored(double variance, double range, DetectionSettings settings) =>
        Math.Max(variance, Math.Pow(settings.ProfileSpreadFloor * range, 2));

    private double Floored(double variance, double range) => Floored(variance, range, settings);

    /// <summary>
    /// The trend signal when the evidence of a fall is strong enough, else null. Its usual level is the reference (the
    /// level less the seasonal offset): the caller adds the current hour's offset and names it when the profile knows it.
    /// </summary>
    public Signal? Evaluate(DriftState s, double range, double spreadFloor)
    {
        if (s.Evidence < threshold || s.RunCount < 2) return null;
        var runMean = s.RunSum / s.RunCount;
        var fall = s.Reference - runMean;
        if (fall < settings.MinTrendEffect * range) return null;
        var sigma = Math.Max(Math.Sqrt(s.Variance), spreadFloor * range);
        var z = -fall * Math.Sqrt(s.RunCount) / sigma;
        var hours = Math.Max(1, s.LastHour - s.RunStartHour + 1);
        var factor = new TrendFactor(-fall / hours, z, s.Reference, runMean, s.RunCount, hours);
        return new Signal(factor, Signal.StrengthOf(z, settings.TrendZ, fall, range), s.Reference)
        {
            Usual = new UsualLevel(s.Reference, null),
        };
    }
}

/// <summary>
/// The drift accumulator's state: the reference level and the responses' variance (exponentially weighted, with their
/// weights), the evidence S, the current run (responses, their adjusted sum, its first hour), and the first hour with
/// responses (0 in snapshots written before it was kept: their learning days are long past).
/// </summary>
public readonly record struct DriftState(
    double Reference, double ReferenceWeight, double Variance, double VarianceWeight,
    double Evidence, int RunCount, double RunSum, long RunStartHour, long LastHour, long FirstHour = 0)
{
    public static readonly DriftState Empty = new(0, 0, 0, 0, 0, 0, 0, 0, 0);
}
