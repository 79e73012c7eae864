using StreamCx.Domain.Contracts;
using StreamCx.Domain.Tests.Scenarios;

namespace StreamCx.Domain.Tests.Detection;

public class PeerScenarioTests
{
    private static readonly string[] Attr = ["product-availability"];

    /// <summary>Every site steady for a day; "r0-s0" one point below the others from the start.</summary>
    private static List<Alert> Run(int sitesInRegion)
    {
        var catalog = Feedback.Catalog([sitesInRegion], Attr);
        var streams = catalog.Sites.Select((s, i) => Feedback.Stream(
            s.SiteId, TimeSpan.FromHours(24), 20, (_, _) => s.SiteId == "r0-s0" ? 3.2 : 4.2, Attr, 100 + i, sd: 0.5)).ToArray();
        return Feedback.Run(Feedback.Processor(catalog), Feedback.Merge(streams));
    }

    [Fact]
    public void A_site_a_point_below_the_median_of_five_peers_raises_a_peer_alert()
    {
        var alerts = Run(sitesInRegion: 6);

        var open = Assert.Single(alerts, a => a.Status == AlertStatus.Open);
        Assert.Equal("r0-s0", open.SiteId);
        var peer = open.Factors.OfType<PeerFactor>().Single();
        Assert.Equal(5, peer.PeerCount);
        Assert.InRange(peer.PeerMedian - peer.SiteValue, 0.7, 1.3);
        Assert.True(peer.RobustZ <= -3);
        Assert.Contains("below the median of 5 other sites", open.Explanation);
    }

    [Fact]
    public void A_region_with_fewer_peers_than_the_minimum_raises_no_peer_alert()
    {
        var alerts = Run(sitesInRegion: 5); // 4 peers, the minimum is 5

        Assert.DoesNotContain(alerts, a => a.Factors.Any(f => f is PeerFactor));
    }

    [Fact]
    public void Sites_in_line_with_their_peers_raise_nothing()
    {
        var catalog = Feedback.Catalog([8], Attr);
        var streams = catalog.Sites.Select((s, i) => Feedback.Stream(s.SiteId, TimeSpan.FromHours(24), 20, (_, _) => 4.0 + (0.05 * i), Attr, 200 + i, sd: 0.5)).ToArray();

        Assert.Empty(Feedback.Run(Feedback.Processor(catalog), Feedback.Merge(streams)));
    }
}
