using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection.Seasonality;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Detection.Drift;

/// <summary>
/// Whether a site fell with a move its region already shows: the evidence that the site's responses since the move's
/// onset sit below its usual level. Asked only while a region group on the attribute takes members, of a site that is not
/// in it, so its threshold (<see cref="DetectionSettings.GroupJoinZ"/>) is lower than a lone site's: a move seen at
/// several sites of the region at once makes a fall at one more site far likelier than anywhere at any time, and the
/// test is asked for a few hours of a few moves, not at every response of every site-attribute. It names the sites a
/// region-wide move reaches but whose own evidence stays under the lone thresholds (a 2-per-hour site, a smaller fall).
/// Reads the window and the drift's reference, as the recent step test: nothing of its own to save.
/// </summary>
/// <remarks>
/// The move's onset is not known: the group formed at its first member's opening, after that site's detection delay. So
/// every hour from <see cref="DetectionSettings.GroupWindow"/> before it up to its hour is tried as the onset (a handful:
/// little multiple testing). For an onset hour, the falls d_h = μ − x̄_h of the hours since then (x̄_h the hour's mean
/// less its usual offset) are weighted by w_h = 1 / (σ²/n_h + τ²), an hour's mean wandering by τ
/// (<see cref="DetectionSettings.DriftHourSpread"/> of the scale) beyond sampling: z = Σ w_h d_h / √Σ w_h. It signals when
/// z ≥ <see cref="DetectionSettings.GroupJoinZ"/> with ≥ <see cref="DetectionSettings.GroupJoinMinCount"/> responses since
/// the onset and a weighted fall of <see cref="DetectionSettings.MinTrendEffect"/> of the scale at least. Silent while the
/// drift's reference is young or the site-attribute is in its learning days.
/// </remarks>
public static class MoveFall
{
    /// <summary>Hours of responses the test reads at most (the onsets tried and the hours since the latest).</summary>
    public const int MaxHours = 96;

    /// <param name="moveSince">When the move formed (its first member opened).</param>
    public static Signal? Evaluate(BucketRing ring, long current, SeasonalProfile profile, in DriftState reference, double range, DetectionSettings s, DateTimeOffset moveSince)
    {
        if (ring.Newest == long.MinValue || reference.ReferenceWeight < s.MinBaselineCount || !(reference.Variance > 0)) return null;
        var clock = ring.Clock;
        var currentHour = clock.HourIndex(current);
        if (currentHour - reference.FirstHour < (long)s.MinProfileDays * 24 && !profile.Borrows(currentHour)) return null;
        var lastOnset = clock.HourIndex(clock.IndexOf(moveSince));
        var firstOnset = clock.HourIndex(clock.IndexOf(moveSince - s.GroupWindow));
        var hours = (int)(currentHour - firstOnset + 1);
        if (lastOnset > currentHour || hours > MaxHours) return null;

        var perHour = clock.BucketsIn(TimeSpan.FromHours(1));
        var oldest = Math.Max(firstOnset * perHour, ring.Newest - ring.Capacity + 1);
        Span<int> counts = stackalloc int[hours];
        Span<double> sums = stackalloc double[hours];
        counts.Clear();
        sums.Clear();
        for (var i = oldest; i <= current; i++)
        {
            ref readonly var b = ref ring.Peek(i, out var filled);
            if (!filled) continue;
            var h = clock.HourIndex(i);
            counts[(int)(h - firstOnset)] += b.Count;
            sums[(int)(h - firstOnset)] += b.Sum - (b.Count * profile.Offset(h));
        }

        var mu = reference.Reference;
        var variance = DriftAccumulator.Floored(reference.Variance, range, s);
        var tau = s.DriftHourSpread * range;
        double weights = 0, weightedFall = 0, bestZ = double.NegativeInfinity, bestFall = 0;
        int count = 0, bestCount = 0;
        long bestOnset = lastOnset;
        // from the current hour back: each onset hour's evidence is the sum over the hours since it
        for (var h = currentHour; h >= firstOnset; h--)
        {
            var n = counts[(int)(h - firstOnset)];
            if (n > 0)
            {
                var w = 1 / ((variance / n) + (tau * tau));
                weights += w;
                weightedFall += w * (mu - (sums[(int)(h - firstOnset)] / n));
                count += n;
            }
            if (h > lastOnset || count < s.GroupJoinMinCount) continue;
            var z = weightedFall / Math.Sqrt(weights);
            if (z > bestZ) (bestZ, bestFall, bestCount, bestOnset) = (z, weightedFall / weights, count, h);
        }
        if (bestZ < s.GroupJoinZ || bestFall < s.MinTrendEffect * range) return null;
        var spanHours = currentHour - bestOnset + 1;
        var factor = new TrendFactor(-bestFall / spanHours, -bestZ, mu, mu - bestFall, bestCount, spanHours);
        return new Signal(factor, Signal.StrengthOf(bestZ, s.GroupJoinZ, bestFall, range), mu) { Usual = new UsualLevel(mu, null) };
    }
}
