using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection.Seasonality;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Detection.Drift;

/// <summary>
/// Page's test for a step over the last hours only (a window-limited CUSUM): the largest evidence, over every onset in the
/// last <see cref="DetectionSettings.StepHorizon"/>, that the responses since that onset sit a fall of 2kσ below the usual
/// level rather than at it. Near-optimal for a step of about 2kσ; a trend span fits a ramp, which reads a step with 87 %
/// of its z. Read from the ring at each evaluation (bucket by bucket, so the onset's hour is not diluted by the responses
/// before the onset), against the drift accumulator's reference level and spread: nothing of its own to save in a
/// snapshot (what it keeps between evaluations, <see cref="RecentStepSums"/>, is derived from the window and dropped on a restore).
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
    /// <param name="kept">The evidence of the onsets before the current hour, kept from earlier evaluations, if any.</param>
    public static Signal? Evaluate(BucketRing ring, long current, SeasonalProfile profile, in DriftState reference, double range, DetectionSettings s, RecentStepSums? kept = null)
    {
        if (s.StepAllowance <= 0 || ring.Newest == long.MinValue) return null;
        if (reference.ReferenceWeight < s.MinBaselineCount || !(reference.Variance > 0)) return null;
        var clock = ring.Clock;
        var currentHour = clock.HourIndex(current);
        if (currentHour - reference.FirstHour < (long)s.MinProfileDays * 24 && !profile.Borrows(currentHour)) return null;

        var mu = reference.Reference;
        var variance = DriftAccumulator.Floored(reference.Variance, range, s);
        var sigma = Math.Sqrt(variance);
        var k = s.StepAllowance;
        var tau = s.DriftHourSpread * range;
        var oldest = Math.Max(current - clock.BucketsIn(s.StepHorizon) + 1, ring.Newest - ring.Capacity + 1);
        var hourStart = Math.Max(currentHour * clock.BucketsIn(TimeSpan.FromHours(1)), oldest);

        // onsets in the current hour: its responses from the onset on
        RecentStep best = new(0, 0, 0, current + 1);
        int hourCount = 0;
        double hourSum = 0;
        var offset = profile.Offset(currentHour);
        for (var i = current; i >= hourStart; i--)
        {
            ref readonly var b = ref ring.Peek(i, out var filled);
            if (!filled) continue;
            hourCount += b.Count;
            hourSum += b.Sum - (b.Count * offset);
            var t = Term(hourCount, hourSum, mu, variance, sigma, k, tau);
            if (t > best.Evidence) best = new RecentStep(t, hourCount, hourSum, i);
        }
        // onsets before it: the current hour whole, plus the evidence of the older hours from the onset on (the same
        // until the newest bucket, the profile or the reference changes, or a response lands in an older hour)
        var older = kept?.Get(current, profile.Version, mu, variance) ?? Older(ring, hourStart - 1, oldest, profile, mu, variance, sigma, k, tau);
        kept?.Store(current, profile.Version, mu, variance, older);
        if (older.Count > 0)
        {
            var t = Term(hourCount, hourSum, mu, variance, sigma, k, tau) + older.Evidence;
            if (t > best.Evidence) best = new RecentStep(t, hourCount + older.Count, hourSum + older.Sum, older.Onset);
        }

        if (best.Evidence < s.StepThreshold || best.Count < s.StepMinCount) return null;
        var runMean = best.Sum / best.Count;
        var fall = mu - runMean;
        if (fall < s.MinTrendEffect * range) return null;
        var z = -fall * Math.Sqrt(best.Count) / Math.Max(sigma, s.ProfileSpreadFloor * range);
        var hours = Math.Max(1, currentHour - clock.HourIndex(best.Onset) + 1);
        var factor = new TrendFactor(-fall / hours, z, mu, runMean, best.Count, hours);
        return new Signal(factor, Signal.StrengthOf(z, s.TrendZ, fall, range), mu) { Usual = new UsualLevel(mu, null) };
    }

    /// <summary>An hour's evidence: m ((μ − x̄)/σ − k), its weight m = σ² / (σ²/n + τ²).</summary>
    private static double Term(int n, double adjustedSum, double mu, double variance, double sigma, double k, double tau) =>
        n == 0 ? 0 : variance / ((variance / n) + (tau * tau)) * (((mu - (adjustedSum / n)) / sigma) - k);

    /// <summary>The onset in buckets [oldest, newest] (older hours) with the most evidence up to the end of <paramref name="newest"/>'s hour.</summary>
    private static RecentStep Older(BucketRing ring, long newest, long oldest, SeasonalProfile profile, double mu, double variance, double sigma, double k, double tau)
    {
        var clock = ring.Clock;
        RecentStep best = new(double.NegativeInfinity, 0, 0, newest + 1);
        double newerHours = 0, newerSum = 0, hourSum = 0;
        int newerCount = 0, hourCount = 0;
        var hour = newest < oldest ? 0 : clock.HourIndex(newest);
        var offset = newest < oldest ? 0 : profile.Offset(hour);
        for (var i = newest; i >= oldest; i--)
        {
            var h = clock.HourIndex(i);
            if (h != hour)
            {
                newerHours += Term(hourCount, hourSum, mu, variance, sigma, k, tau);
                newerCount += hourCount;
                newerSum += hourSum;
                (hourCount, hourSum, hour, offset) = (0, 0, h, profile.Offset(h));
            }
            ref readonly var b = ref ring.Peek(i, out var filled);
            if (!filled) continue;
            hourCount += b.Count;
            hourSum += b.Sum - (b.Count * offset);
            var t = newerHours + Term(hourCount, hourSum, mu, variance, sigma, k, tau);
            if (t > best.Evidence) best = new RecentStep(t, newerCount + hourCount, newerSum + hourSum, i);
        }
        return best;
    }
}

/// <summary>The evidence of a step since an onset bucket, with the responses since then (count, adjusted sum).</summary>
public readonly record struct RecentStep(double Evidence, int Count, double Sum, long Onset);

/// <summary>
/// The recent step test's evidence for the onsets before the current hour, kept between evaluations of one
/// site-attribute: it changes only when the newest bucket moves, the profile learns, the drift's reference changes, or a
/// response lands in an older bucket (<see cref="Written"/>).
/// </summary>
public sealed class RecentStepSums
{
    private long _current = long.MinValue;
    private int _profileVersion;
    private double _mu, _variance;
    private RecentStep _older;

    /// <summary>A response was added to bucket <paramref name="index"/>: the kept evidence is dropped if it covered it.</summary>
    public void Written(long index)
    {
        if (index < _current) _current = long.MinValue;
    }

    /// <summary>Forgets the kept evidence (e.g. after a restore).</summary>
    public void Clear() => _current = long.MinValue;

    internal RecentStep? Get(long current, int profileVersion, double mu, double variance) =>
        current == _current && profileVersion == _profileVersion && mu.Equals(_mu) && variance.Equals(_variance) ? _older : null;

    internal void Store(long current, int profileVersion, double mu, double variance, RecentStep older) =>
        (_current, _profileVersion, _mu, _variance, _older) = (current, profileVersion, mu, variance, older);
}
