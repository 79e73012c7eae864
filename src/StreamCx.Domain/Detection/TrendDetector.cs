using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection.Seasonality;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Detection;

/// <summary>
/// Downward trend: for each recent span (e.g. 2, 3, 4 h) a ramp anchored on the baseline level before the span is
/// fitted to the observations (values corrected for the usual daily and weekly rhythm in local time, hour by hour as it is learned). The ramp's z statistic
/// is the matched filter for a fall that started at the span's beginning; the most significant span wins. The fall is
/// measured from the baseline or the usual level, whichever is lower (<see cref="DetectionSettings.TrendFromUsualLevel"/>).
/// The profile-adjusted bucket sums are read once into running totals, so every span's baseline is a difference of two
/// totals, and they are kept (<see cref="TrendBaselines"/>) until the newest bucket, the profile or a baseline bucket changes.
/// Each span's own sums over its older buckets are kept too (<see cref="TrendSpanPrefixes"/>): an evaluation in the same
/// newest bucket adds that bucket's terms only.
/// </summary>
public static class TrendDetector
{
    /// <param name="baselines">Baseline sums kept from earlier evaluations of the same ring, if any.</param>
    public static Signal? Evaluate(BucketRing ring, long current, SeasonalProfile profile, double range, DetectionSettings s, TrendBaselines? baselines = null)
    {
        var baselineBuckets = ring.Clock.BucketsIn(s.BaselineWindow);
        var scales = s.TrendScales;
        var sums = Baselines(ring, current, profile, baselineBuckets, s, baselines);
        var prefixes = baselines?.Spans;
        prefixes?.Begin(current, profile.Version, scales.Count);

        Signal? best = null;
        for (var j = 0; j < scales.Count; j++)
        {
            var k = ring.Clock.BucketsIn(scales[j]);
            var signal = EvaluateSpan(ring, current, k, baselineBuckets, sums[j], profile, range, s, prefixes, j);
            if (signal is not null && (best is null || ((TrendFactor)signal.Factor).TStatistic < ((TrendFactor)best.Factor).TStatistic))
                best = signal;
        }
        return best;
    }

    /// <summary>Each span's baseline: the profile-adjusted sums over the baseline window just before the span.</summary>
    private static WindowStats[] Baselines(BucketRing ring, long current, SeasonalProfile profile, int baselineBuckets, DetectionSettings s, TrendBaselines? cache)
    {
        var scales = s.TrendScales;
        int shortest = int.MaxValue, longest = 0;
        for (var j = 0; j < scales.Count; j++) // not foreach: the list's boxed enumerator would allocate per evaluation
        {
            var k = ring.Clock.BucketsIn(scales[j]);
            shortest = Math.Min(shortest, k);
            longest = Math.Max(longest, k);
        }
        if (cache?.Get(current, profile.Version, current - shortest, scales.Count) is { } kept) return kept;

        var sums = cache?.Store(current, profile.Version, scales.Count) ?? new WindowStats[scales.Count];
        // the baselines end before the spans begin: the totals stop at the newest baseline bucket (running totals from
        // the same first bucket, so the same values as totals run up to the newest bucket)
        var from = current - longest - baselineBuckets + 1;
        var to = current - shortest;
        var length = AdjustedTotals.Length(from, to);
        var totals = new AdjustedTotals(ring, from, to, profile, length <= 4096 ? stackalloc double[length] : new double[length]);
        for (var j = 0; j < scales.Count; j++)
        {
            var k = ring.Clock.BucketsIn(scales[j]);
            sums[j] = totals.Between(current - k + 1 - baselineBuckets, current - k);
        }
        return sums;
    }

    /// <summary>
    /// The level a fall is measured from: the baseline's adjusted mean, but not above the usual level once the profile
    /// knows the current hour. A baseline above the usual (a day better than its profile expects, e.g. the week after an
    /// incident the weekly profile half-learned) makes a return to the usual look like a fall; a fall below the usual is
    /// still measured in full.
    /// </summary>
    private static double Reference(double baselineMean, SeasonalProfile profile, long currentHour, DetectionSettings s) =>
        s.TrendFromUsualLevel && profile.IsLearned(currentHour) && profile.Level < baselineMean ? profile.Level : baselineMean;

    /// <param name="prefixes">The spans' sums over their older buckets kept from earlier evaluations, if any.</param>
    /// <param name="span">This span's position in <paramref name="prefixes"/>.</param>
    private static Signal? EvaluateSpan(BucketRing ring, long current, int k, int baselineBuckets, WindowStats baseline, SeasonalProfile profile, double range, DetectionSettings s, TrendSpanPrefixes? prefixes, int span)
    {
        if (baseline.Count < s.MinBaselineCount || baseline.Count < 2) return null;
        var first = current - k + 1;
        var mu = baseline.Sum / baseline.Count;
        var floor = s.TrendSpreadFloor * range;
        var variance = Math.Max((baseline.SumSquares - (baseline.Sum * mu)) / (baseline.Count - 1), Math.Max(floor * floor, 1e-6));
        mu = Reference(mu, profile, ring.Clock.HourIndex(current), s);

        var width = ring.Clock.WidthHours;
        if (prefixes is null || !prefixes.TryGet(span, mu, out var sums))
        {
            sums = default;
            var hours = new HourIndexCursor(ring.Clock, first);
            var walk = ring.Walk(first);
            for (var i = first; i < current; i++)
            {
                ref readonly var b = ref walk.Next(out var filled);
                if (filled)
                {
                    var bucketHour = hours.HourOf(i);
                    sums = sums.Add(b, profile.Offset(bucketHour), (i - first) * width, mu, bucketHour);
                }
            }
            prefixes?.Store(span, mu, sums);
        }
        ref readonly var newest = ref ring.Peek(current, out var newestFilled);
        if (newestFilled) sums = sums.Add(newest, profile.Offset(ring.Clock.HourIndex(current)), (current - first) * width, mu, ring.Clock.HourIndex(current));
        var (num, den, sumW, n) = (sums.Num, sums.Den, sums.SumW, sums.N);
        if (n < s.MinTrendRecentCount || den <= 0) return null;
        var slope = num / den;
        // the baseline mean is itself estimated: its error adds (Σw)²/n_baseline to the numerator's variance; an hour's
        // mean also wanders beyond sampling (spread τ, common to its responses): τ² Σ_hours (the hour's Σw)² more
        var tau = s.TrendHourSpread * range;
        var z = num / Math.Sqrt((variance * (den + (sumW * sumW / baseline.Count))) + (tau * tau * sums.HourSquares));
        var spanHours = k * width;
        var effect = -slope * spanHours;
        // until the profile knows this hour of the day, a usual dip looks like a fall: a stronger z is asked
        if (z > -s.TrendZ || effect < s.MinTrendEffect * range) return null;
        var threshold = profile.IsLearned(ring.Clock.HourIndex(current)) ? s.TrendZ : Math.Max(s.TrendZ, s.UnlearnedHourTrendZ);
        if (z > -threshold) return null;

        var firstMean = ring.Stats(first - baselineBuckets, first - 1).Mean;
        var lastMean = ring.Stats(current - ring.Clock.BucketsIn(TimeSpan.FromHours(1)) + 1, current).Mean;
        var factor = new TrendFactor(slope, z, firstMean, lastMean, n, spanHours);
        var hour = ring.Clock.HourIndex(current);
        var learned = profile.IsLearned(hour);
        var usual = new UsualLevel(learned ? mu + profile.Offset(hour) : firstMean, learned ? profile.PartOfWeek(hour) : null);
        return new Signal(factor, Signal.StrengthOf(z, threshold, effect, range), firstMean) { Usual = usual };
    }
}
