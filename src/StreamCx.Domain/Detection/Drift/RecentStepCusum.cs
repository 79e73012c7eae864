using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection.Seasonality;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Detection.Drift;

/// <summary>
/// Page's test for a step over the last hours only (a window-limited CUSUM): the largest evidence, over every onset in the
/// last <see cref="DetectionSettings.StepHorizon"/>, that the responses since that onset sit a fall of 2kσ below the usual
/// level rather than at it. Near-optimal for a step of about 2kσ; a trend span fits a ramp, which reads a step with 87 %
/// of its z. Read from the ring at each evaluation (bucket by bucket, so the onset's hour is not diluted by the responses
/// before the onset), against the drift accumulator's reference level and spread: no state of its own to keep or restore.
/// </summary>
/// <remarks>
/// For an onset at bucket j: T_j = Σ over the hours from j on of m_h ((μ − x̄_h)/σ − k), x̄_h the mean of the hour's
/// responses since j less the hour's usual offset, m_h = σ² / (σ²/n_h + τ²) the hour's weight (n_h responses, but a busy
/// hour's mean also wanders by τ, <see cref="DetectionSettings.DriftHourSpread"/> of the scale). The test signals when
/// max_j T_j ≥ <see cref="DetectionSettings.StepThreshold"/>, the responses since that onset number at least
/// <see cref="DetectionSettings.StepMinCount"/> and their mean is below μ by <see cref="DetectionSettings.MinTrendEffect"/>
/// of the scale at least. Silent while the drift's reference is young or the site-attribute is in its learning days.
/// </remarks>
public static class RecentStepCusum
{
    /// <param name="reference">The drift accumulator's closed-hours state: its reference level, spread and first hour.</param>
    public static Signal? Evaluate(BucketRing ring, long current, SeasonalProfile profile, in DriftState reference, double range, DetectionSettings s)
    {
        if (s.StepAllowance <= 0 || ring.Newest == long.MinValue) return null;
        if (reference.ReferenceWeight < s.MinBaselineCount || !(reference.Variance > 0)) return null;
        var clock = ring.Clock;
        var currentHour = clock.HourIndex(current);
        if (currentHour - reference.FirstHour < (long)s.MinProfileDays * 24) return null;

        var mu = reference.Reference;
        var variance = reference.Variance;
        var sigma = Math.Sqrt(variance);
        var k = s.StepAllowance;
        var tau = s.DriftHourSpread * range;
        var oldest = Math.Max(current - clock.BucketsIn(s.StepHorizon) + 1, ring.Newest - ring.Capacity + 1);

        double Term(int n, double adjustedSum) =>
            n == 0 ? 0 : variance / ((variance / n) + (tau * tau)) * (((mu - (adjustedSum / n)) / sigma) - k);

        // walking back from the newest bucket: the hours newer than the bucket's (whole in the suffix) and the bucket's own
        // hour from the bucket on
        double newerHours = 0, best = 0;
        int newerCount = 0, hourCount = 0, bestCount = 0;
        double newerSum = 0, hourSum = 0, bestSum = 0;
        var hour = currentHour;
        var offset = profile.Offset(hour);
        for (var i = current; i >= oldest; i--)
        {
            var h = clock.HourIndex(i);
            if (h != hour)
            {
                newerHours += Term(hourCount, hourSum);
                newerCount += hourCount;
                newerSum += hourSum;
                (hourCount, hourSum, hour, offset) = (0, 0, h, profile.Offset(h));
            }
            ref readonly var b = ref ring.Peek(i, out var filled);
            if (!filled) continue;
            hourCount += b.Count;
            hourSum += b.Sum - (b.Count * offset);
            var t = newerHours + Term(hourCount, hourSum);
            if (t > best) (best, bestCount, bestSum) = (t, newerCount + hourCount, newerSum + hourSum);
        }
        if (best < s.StepThreshold || bestCount < s.StepMinCount) return null;
        var runMean = bestSum / bestCount;
        var fall = mu - runMean;
        if (fall < s.MinTrendEffect * range) return null;
        var z = -fall * Math.Sqrt(bestCount) / Math.Max(sigma, s.ProfileSpreadFloor * range);
        var hours = Math.Max(1, currentHour - FirstHourOfRun(ring, current, oldest, bestCount) + 1);
        var factor = new TrendFactor(-fall / hours, z, mu, runMean, bestCount, hours);
        return new Signal(factor, Signal.StrengthOf(z, s.TrendZ, fall, range), mu) { Usual = new UsualLevel(mu, null) };
    }

    /// <summary>The hour of the oldest bucket of the newest buckets that hold <paramref name="count"/> responses.</summary>
    private static long FirstHourOfRun(BucketRing ring, long current, long oldest, int count)
    {
        var seen = 0;
        for (var i = current; i >= oldest; i--)
        {
            ref readonly var b = ref ring.Peek(i, out var filled);
            if (filled) seen += b.Count;
            if (seen >= count) return ring.Clock.HourIndex(i);
        }
        return ring.Clock.HourIndex(oldest);
    }
}
