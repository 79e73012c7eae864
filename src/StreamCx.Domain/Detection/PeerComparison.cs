using StreamCx.Domain.Contracts;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Detection;

/// <summary>
/// The site against similar sites: robust z = (site - peer median) / (1.4826 * MAD), with a floor on the spread so
/// that very uniform peers do not turn a small gap into a huge z. The site must also be below its peers right now
/// (its recent window), so a long window that still remembers a recovered fall does not re-open an alert.
/// </summary>
public static class PeerComparison
{
    public static Signal? Evaluate(WindowStats site, WindowStats recent, IReadOnlyList<double> peerValues, double range, DetectionSettings s)
    {
        var siteValue = site.Mean;
        if (peerValues.Count < s.MinPeers || site.Count < s.MinPeerSampleSize || recent.Count < s.MinRecentCount) return null;
        var n = peerValues.Count;
        var memory = n <= 512 ? stackalloc double[2 * n] : new double[2 * n];
        var sorted = memory[..n];
        var deviations = memory[n..];
        for (var i = 0; i < n; i++) sorted[i] = peerValues[i];
        sorted.Sort();
        var median = Median(sorted);
        for (var i = 0; i < n; i++) deviations[i] = Math.Abs(sorted[i] - median);
        deviations.Sort();
        var spread = Math.Max(1.4826 * Median(deviations), s.PeerSpreadFloor * range);
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
}
