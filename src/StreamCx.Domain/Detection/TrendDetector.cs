using StreamCx.Domain.Contracts;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Detection;

/// <summary>
/// Downward trend: for each recent span (e.g. 2, 3, 4 h) a ramp anchored on the baseline level before the span is
/// fitted to the observations (values corrected for the usual daily rhythm once it is learned). The ramp's z statistic
/// is the matched filter for a fall that started at the span's beginning; the most significant span wins.
/// </summary>
public static class TrendDetector
{
    public static Signal? Evaluate(BucketRing ring, long current, DailyProfile profile, double range, DetectionSettings s)
    {
        Signal? best = null;
        var baselineBuckets = ring.Clock.BucketsIn(s.BaselineWindow);
        foreach (var scale in s.TrendScales)
        {
            var k = ring.Clock.BucketsIn(scale);
            var signal = EvaluateSpan(ring, current, k, baselineBuckets, profile, range, s);
            if (signal is not null && (best is null || ((TrendFactor)signal.Factor).TStatistic < ((TrendFactor)best.Factor).TStatistic))
                best = signal;
        }
        return best;
    }

    private static Signal? EvaluateSpan(BucketRing ring, long current, int k, int baselineBuckets, DailyProfile profile, double range, DetectionSettings s)
    {
        var first = current - k + 1;
        var baseline = Adjusted(ring, first - baselineBuckets, first - 1, profile);
        if (baseline.Count < s.MinBaselineCount || baseline.Count < 2) return null;
        var mu = baseline.Sum / baseline.Count;
        var variance = Math.Max((baseline.SumSquares - (baseline.Sum * mu)) / (baseline.Count - 1), 1e-6);

        double num = 0, den = 0, sumW = 0;
        var n = 0;
        var width = ring.Clock.WidthHours;
        for (var i = first; i <= current; i++)
        {
            var b = ring.Get(i);
            if (b.Count == 0) continue;
            var p = profile.Offset(ring.Clock.HourOfDay(i));
            var delta = (i - first) * width;
            var sumAdj = b.Sum - (b.Count * p);
            var tauYAdj = b.SumTauValue - (p * b.SumTau);
            num += (delta * (sumAdj - (mu * b.Count))) + (tauYAdj - (mu * b.SumTau));
            den += (b.Count * delta * delta) + (2 * delta * b.SumTau) + b.SumTauSquares;
            sumW += (b.Count * delta) + b.SumTau;
            n += b.Count;
        }
        if (n < s.MinTrendRecentCount || den <= 0) return null;
        var slope = num / den;
        // the baseline mean is itself estimated: its error adds (Σw)²/n_baseline to the numerator's variance
        var z = num / Math.Sqrt(variance * (den + (sumW * sumW / baseline.Count)));
        var spanHours = k * width;
        var effect = -slope * spanHours;
        if (z > -s.TrendZ || effect < s.MinTrendEffect * range) return null;

        var firstMean = ring.Stats(first - baselineBuckets, first - 1).Mean;
        var lastMean = ring.Stats(current - ring.Clock.BucketsIn(TimeSpan.FromHours(1)) + 1, current).Mean;
        var factor = new TrendFactor(slope, z, firstMean, lastMean, n, spanHours);
        return new Signal(factor, Signal.StrengthOf(z, s.TrendZ, effect, range), firstMean);
    }

    /// <summary>Sums of the values minus each hour's usual offset over buckets [from, to].</summary>
    private static WindowStats Adjusted(BucketRing ring, long from, long to, DailyProfile profile)
    {
        var stats = default(WindowStats);
        for (var i = from; i <= to; i++)
        {
            var b = ring.Get(i);
            if (b.Count == 0) continue;
            var p = profile.Offset(ring.Clock.HourOfDay(i));
            stats = new WindowStats(
                stats.Count + b.Count,
                stats.Dissatisfied + b.Dissatisfied,
                stats.Sum + b.Sum - (b.Count * p),
                stats.SumSquares + b.SumSquares - (2 * p * b.Sum) + (b.Count * p * p));
        }
        return stats;
    }
}
