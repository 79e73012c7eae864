using StreamCx.Domain.Contracts;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Detection;

/// <summary>
/// The site against similar sites: robust z = (site - peer median) / (1.4826 * MAD), with a floor on the spread so
/// that very uniform peers do not turn a small gap into a huge z. The site must also be below its peers right now
/// (its recent window), so a long window that still remembers a recovered fall does not re-open an alert.
/// Peer values already in ascending order (as a region board gives them) are not sorted again, and the median of the
/// deviations is read by merging the two monotone halves of the sorted values instead of sorting the deviations:
/// both give the very same sorted values, so the same median and spread.
/// </summary>
public static class PeerComparison
{
    public static Signal? Evaluate(WindowStats site, WindowStats recent, IReadOnlyList<double> peerValues, double range, DetectionSettings s)
    {
        var siteValue = site.Mean;
        if (peerValues.Count < s.MinPeers || site.Count < s.MinPeerSampleSize || recent.Count < s.MinRecentCount) return null;
        var n = peerValues.Count;
        var sorted = n <= 512 ? stackalloc double[n] : new double[n];
        var ascending = true;
        for (var i = 0; i < n; i++)
        {
            sorted[i] = peerValues[i];
            if (i > 0 && !(sorted[i - 1] <= sorted[i])) ascending = false;
        }
        if (!ascending) sorted.Sort();
        var median = Median(sorted);
        var spread = Math.Max(1.4826 * MedianDeviation(sorted, median), s.PeerSpreadFloor * range);
        var z = (siteValue - median) / spread;
        var effect = median - siteValue;
        if (z > -s.PeerZ || effect < s.MinPeerEffect * range || median - recent.Mean < s.MinPeerEffect * range) return null;
        var factor = new PeerFactor(siteValue, median, z, peerValues.Count);
        return new Signal(factor, Signal.StrengthOf(z, s.PeerZ, effect, range), median);
    }

    /// <summary>The median of values already in ascending order.</summary>
    public static double Median(ReadOnlySpan<double> sorted) =>
        sorted.Length == 0 ? double.NaN
        : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
        : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;

    /// <summary>
    /// The median of |value - median| over values in ascending order: the deviations fall towards the median and rise
    /// after it, so merging both runs from the median outwards yields them in ascending order, up to the middle.
    /// </summary>
    public static double MedianDeviation(ReadOnlySpan<double> sorted, double median)
    {
        var n = sorted.Length;
        if (n == 0) return double.NaN;
        if (double.IsNaN(median) || double.IsNaN(sorted[0])) return SortedMedianDeviation(sorted, median);
        var right = 0;
        while (right < n && sorted[right] < median) right++;
        var left = right - 1;
        double lower = 0, upper = 0;
        for (var k = 0; k <= n / 2; k++)
        {
            double next;
            if (left >= 0 && (right >= n || Math.Abs(sorted[left] - median) <= Math.Abs(sorted[right] - median))) next = Math.Abs(sorted[left--] - median);
            else next = Math.Abs(sorted[right++] - median);
            if (k == (n - 1) / 2) lower = next;
            if (k == n / 2) upper = next;
        }
        return n % 2 == 1 ? upper : (lower + upper) / 2;
    }

    /// <summary>The same by sorting the deviations: for values that hold a NaN, which the merge cannot order.</summary>
    private static double SortedMedianDeviation(ReadOnlySpan<double> sorted, double median)
    {
        var deviations = new double[sorted.Length];
        for (var i = 0; i < sorted.Length; i++) deviations[i] = Math.Abs(sorted[i] - median);
        Array.Sort(deviations);
        return Median(deviations);
    }
}
