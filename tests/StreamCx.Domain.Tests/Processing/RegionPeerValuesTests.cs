using CsCheck;
using StreamCx.Domain.Contracts;
using StreamCx.Domain.Detection;
using StreamCx.Domain.Processing;
using StreamCx.Domain.Windows;

namespace StreamCx.Domain.Tests.Processing;

/// <summary>
/// The peers a region board keeps in ascending order are, after any sequence of updates, the same values as those
/// collected afresh from every site's latest window (the other sites with enough responses), sorted.
/// </summary>
public sealed class RegionPeerValuesTests
{
    private static readonly string[] SiteIds = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    private static readonly string[] AttributeIds = ["waiting-time", "cleanliness"];

    [Fact]
    public void Kept_sorted_peers_equal_the_peers_collected_afresh()
    {
        var settings = new DetectionSettings { MinPeerSampleSize = 5 };
        // site, attribute, count (crossing the minimum sample size both ways), sum (few distinct means, so ties are common)
        var gen = Gen.Select(Gen.Int[0, SiteIds.Length - 1], Gen.Int[0, 1], Gen.Int[0, 9], Gen.Int[0, 6], (s, a, count, sum) => (s, a, count, sum)).Array[1, 300];
        gen.Sample(script =>
        {
            var board = new RegionBoard("north", settings);
            var latest = new Dictionary<(string, string), WindowStats>();
            var into = new List<double>();
            foreach (var (s, a, count, sum) in script)
            {
                var window = new WindowStats(count, 0, count * (1 + (sum / 2.0)), 0);
                board.Update(SiteIds[s], AttributeIds[a], window, default);
                latest[(SiteIds[s], AttributeIds[a])] = window;
                foreach (var site in SiteIds)
                {
                    foreach (var attribute in AttributeIds)
                    {
                        var expected = latest.Where(kv => kv.Key.Item2 == attribute && kv.Key.Item1 != site && kv.Value.Count >= settings.MinPeerSampleSize)
                            .Select(kv => kv.Value.Mean).Order().ToArray();
                        Assert.Equal(expected, board.PeersOf(site, attribute, into));
                    }
                }
            }
        }, iter: 300); // about 20 ms a run: three times the default 100 scripts
    }

    [Fact]
    public void Peer_comparison_gives_the_same_signal_whatever_the_order_of_the_peers()
    {
        var settings = new DetectionSettings { MinPeers = 1, MinPeerSampleSize = 1, MinRecentCount = 1, PeerZ = 1, MinPeerEffect = 0.001, PeerSpreadFloor = 0.001 };
        // peers on a coarse grid (ties), and the site's mean
        var gen = Gen.Select(Gen.Int[5, 40].Array[1, 20], Gen.Int[0, 25], (peers, site) => (peers, site));
        var signals = 0;
        gen.Sample((peers, site) =>
        {
            var values = peers.Select(p => 1 + (p / 10.0)).ToArray();
            var siteStats = new WindowStats(50, 0, 50 * (1 + (site / 10.0)), 0);
            var shuffled = PeerComparison.Evaluate(siteStats, siteStats, values, 4, settings);
            var sorted = PeerComparison.Evaluate(siteStats, siteStats, values.Order().ToArray(), 4, settings);
            Assert.Equal(Reference(siteStats, values, 4, settings), shuffled);
            Assert.Equal(shuffled, sorted);
            if (sorted is not null) Interlocked.Increment(ref signals);

            var ordered = values.Order().ToArray();
            var median = PeerComparison.Median(ordered);
            var deviations = ordered.Select(v => Math.Abs(v - median)).Order().ToArray();
            Assert.Equal(PeerComparison.Median(deviations), PeerComparison.MedianDeviation(ordered, median));
        }, iter: 5000);
        Assert.True(signals > 1000, $"only {signals} comparisons produced a factor");
    }

    /// <summary>The comparison as it was written before the peers came sorted: sort the values, then sort the deviations.</summary>
    private static Signal? Reference(WindowStats site, double[] peerValues, double range, DetectionSettings s)
    {
        var sorted = peerValues.Order().ToArray();
        var median = PeerComparison.Median(sorted);
        var deviations = sorted.Select(v => Math.Abs(v - median)).Order().ToArray();
        var spread = Math.Max(1.4826 * PeerComparison.Median(deviations), s.PeerSpreadFloor * range);
        var z = (site.Mean - median) / spread;
        var effect = median - site.Mean;
        if (z > -s.PeerZ || effect < s.MinPeerEffect * range || median - site.Mean < s.MinPeerEffect * range) return null;
        return new Signal(new PeerFactor(site.Mean, median, z, peerValues.Length), Signal.StrengthOf(z, s.PeerZ, effect, range), median);
    }
}
