using StreamCx.Domain.Contracts;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Detection.Drift;

/// <summary>
/// Exponentially weighted evidence of a fall over long memories, one per half-life (<see cref="DetectionSettings.SlowFallHalfLives"/>,
/// e.g. 8, 16 and 32 open hours): a ramp over a day or two lowers each hour a little, which a CUSUM tuned to a step sees
/// only once the fall exceeds its allowance, while an average over the last tens of hours sees it as soon as the average
/// fall is large against its error. Fed once per closed hour, after the drift accumulator's reference (μ, σ) of the hours
/// before; O(1) state per half-life, carried in the snapshot (<see cref="SlowFallState"/>).
/// </summary>
/// <remarks>
/// Per closed hour with n responses of adjusted mean x̄ (less the profile's usual offset), r = (μ − x̄)/σ and the hour's
/// weight m = σ²/(σ²/n + τ²) (as the drift accumulator: an hourly mean wanders by τ beyond sampling), for each half-life
/// with decay d per open hour: A ← dA + m r, B ← dB + m, C ← d²C + m. A/B is the weighted fall in σ; its variance under no
/// fall is C/B², so z = A/√C. It signals when z ≥ <see cref="DetectionSettings.SlowFallZ"/> at any half-life and the weighted
/// fall is at least <see cref="DetectionSettings.MinTrendEffect"/> of the scale. The hours of the learning days and those
/// before the reference holds <see cref="DetectionSettings.MinBaselineCount"/> responses are not fed (state stays empty).
/// </remarks>
public sealed class SlowFallEwma(DetectionSettings settings)
{
    private readonly double[] _decays = settings.SlowFallHalfLives.Select(h => Math.Pow(0.5, 1.0 / h.TotalHours)).ToArray();
    private SlowFallState _s = SlowFallState.Empty;

    public SlowFallState State => _s;

    public void Restore(SlowFallState? state) => _s = state is { } s && s.Sums.Count == _decays.Length ? s : SlowFallState.Empty;

    /// <summary>One closed hour, against the drift's state before it learned that hour.</summary>
    public void Hour(long hour, in WindowStats stats, double offset, double range, in DriftState drift, bool borrowed = false) => _s = Step(_s, hour, stats, offset, range, drift, borrowed);

    /// <summary>The state after one more hour (pure).</summary>
    /// <param name="borrowed">The hour's usual offset is the region's: known, even in the learning days.</param>
    public SlowFallState Step(SlowFallState s, long hour, in WindowStats stats, double offset, double range, in DriftState drift, bool borrowed = false)
    {
        if (stats.Count == 0 || _decays.Length == 0) return s;
        var learning = hour - drift.FirstHour < (long)settings.MinProfileDays * 24 && !borrowed;
        if (drift.ReferenceWeight < settings.MinBaselineCount || drift.Variance <= 0 || learning) return s;
        var n = stats.Count;
        var variance = DriftAccumulator.Floored(drift.Variance, range, settings);
        var sigma = Math.Sqrt(variance);
        var tau = settings.DriftHourSpread * range;
        var m = variance / ((variance / n) + (tau * tau));
        var r = (drift.Reference - ((stats.Sum / n) - offset)) / sigma;
        var k = _decays.Length;
        var sums = new double[k];
        var weights = new double[k];
        var variances = new double[k];
        for (var i = 0; i < k; i++)
        {
            var d = _decays[i];
            sums[i] = (s.Sums.Count == k ? s.Sums[i] * d : 0) + (m * r);
            weights[i] = (s.Weights.Count == k ? s.Weights[i] * d : 0) + m;
            variances[i] = (s.Variances.Count == k ? s.Variances[i] * d * d : 0) + m;
        }
        return new SlowFallState(sums, weights, variances, hour);
    }

    /// <summary>The trend signal of the strongest half-life whose z passes, else null.</summary>
    public Signal? Evaluate(SlowFallState s, in DriftState drift, double range)
    {
        if (s.Sums.Count == 0 || drift.Variance <= 0) return null;
        var best = -1;
        var bestZ = 0.0;
        for (var i = 0; i < s.Sums.Count; i++)
        {
            if (s.Variances[i] <= 0) continue;
            var z = s.Sums[i] / Math.Sqrt(s.Variances[i]);
            if (z >= settings.SlowFallZ && z > bestZ) (best, bestZ) = (i, z);
        }
        if (best < 0) return null;
        var fall = Math.Sqrt(DriftAccumulator.Floored(drift.Variance, range, settings)) * s.Sums[best] / s.Weights[best];
        if (fall < settings.MinTrendEffect * range) return null;
        var hours = Math.Max(1, (int)Math.Round(settings.SlowFallHalfLives[best].TotalHours));
        var count = Math.Max(1, (int)Math.Round(s.Weights[best]));
        var factor = new TrendFactor(-fall / hours, -bestZ, drift.Reference, drift.Reference - fall, count, hours);
        return new Signal(factor, Signal.StrengthOf(bestZ, settings.TrendZ, fall, range), drift.Reference)
        {
            Usual = new UsualLevel(drift.Reference, null),
        };
    }
}

/// <summary>
/// The slow fall's state: per half-life the weighted sum of standardised falls (A), of weights (B) and of squared decays
/// times weights (C, the variance of A); the last hour fed. Empty lists: nothing fed yet.
/// </summary>
public sealed record SlowFallState(IReadOnlyList<double> Sums, IReadOnlyList<double> Weights, IReadOnlyList<double> Variances, long LastHour)
{
    public static readonly SlowFallState Empty = new([], [], [], 0);

    public bool Equals(SlowFallState? other) =>
        other is not null && LastHour == other.LastHour && Sums.SequenceEqual(other.Sums) && Weights.SequenceEqual(other.Weights) && Variances.SequenceEqual(other.Variances);

    public override int GetHashCode() => HashCode.Combine(LastHour, Sums.Count);
}
