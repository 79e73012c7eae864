using StreamCx.Domain.Detection;
using StreamCx.Domain.Detection.Seasonality;

namespace StreamCx.Domain.Tests.Detection.Seasonality;

/// <summary>
/// The weekly slots pooled over a region (hierarchical shrinkage): an hour of the week that is worse at every site is
/// believed after one week, far more than one site's own week allows, while one site's odd hour barely moves the others.
/// </summary>
public sealed class RegionalProfilesTests
{
    private const double Range = 4;
    private static readonly DateTimeOffset Monday = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero); // after the European DST change

    /// <summary>UTC hour index of Monday + day, at a local Paris hour (UTC+1 in November).</summary>
    private static long Hour(int day, int localHour) => (Monday.UtcTicks / TimeSpan.TicksPerHour) + (day * 24) + localHour - 1;

    /// <summary>Profiles that learned <paramref name="days"/> days, 8–20 h local, around 4.2 with noise, less <paramref name="dip"/>(site, day, hour).</summary>
    private static SeasonalProfile[] Learn(int sites, int days, Func<int, int, int, double> dip, RegionalProfiles? region, int seed = 1)
    {
        var rnd = new Random(seed);
        var profiles = Enumerable.Range(0, sites).Select(_ => new SeasonalProfile(new DetectionSettings(), SiteLocalTime.For("Europe/Paris"), Range)).ToArray();
        for (var s = 0; s < sites && region is not null; s++) region.Join($"s{s:00}", profiles[s]);
        for (var day = 0; day < days; day++)
            for (var h = 8; h < 21; h++)
                for (var s = 0; s < sites; s++)
                    profiles[s].Learn(Hour(day, h), 4.2 - dip(s, day, h) + (0.1 * (rnd.NextDouble() - 0.5)));
        return profiles;
    }

    /// <summary>A Saturday (day 5) 15 h dip of 0.6 at every site, seen once.</summary>
    private static double SaturdayDip(int site, int day, int hour) => day % 7 == 5 && hour == 15 ? 0.6 : 0;

    private static double SaturdayEffect(SeasonalProfile p) => p.Expected(Hour(12, 15)) - p.Expected(Hour(8, 15)); // next Saturday against a Tuesday

    [Fact]
    public void A_dip_at_every_site_of_the_region_is_believed_after_one_week()
    {
        var pooled = Learn(10, 8, SaturdayDip, new RegionalProfiles());
        var alone = Learn(10, 8, SaturdayDip, region: null);
        Assert.All(pooled, p => Assert.InRange(SaturdayEffect(p), -0.6, -0.4));
        Assert.All(alone, p => Assert.InRange(SaturdayEffect(p), -0.3, 0));
    }

    [Fact]
    public void One_sites_odd_hour_barely_moves_the_other_sites()
    {
        var odd = Learn(10, 8, (site, day, hour) => site == 0 && day == 1 && hour == 10 ? 1.0 : 0, new RegionalProfiles());
        var plain = Learn(10, 8, (_, _, _) => 0, new RegionalProfiles()); // the same noise without the odd hour
        var tuesday10 = Hour(8, 10);
        Assert.InRange(odd[0].Expected(tuesday10) - plain[0].Expected(tuesday10), -1.0, -0.1); // the site itself learned it
        for (var s = 1; s < odd.Length; s++) Assert.InRange(odd[s].Expected(tuesday10) - plain[s].Expected(tuesday10), -0.1, 0);
    }

    [Fact]
    public void The_regions_effects_do_not_depend_on_the_order_its_sites_joined_in()
    {
        var forward = new RegionalProfiles();
        var profiles = Learn(6, 8, SaturdayDip, forward);
        var backward = new RegionalProfiles();
        for (var s = profiles.Length - 1; s >= 0; s--) backward.Join($"s{s:00}", profiles[s]);
        Assert.Equal(forward.Effects, backward.Effects);
        Assert.Contains(backward.Effects, e => e < -0.4);
    }

    [Fact]
    public void A_site_that_leaves_the_region_no_longer_pools_with_it()
    {
        var region = new RegionalProfiles();
        var profiles = Learn(10, 8, SaturdayDip, region);
        for (var s = 0; s < profiles.Length; s++) region.Leave($"s{s:00}");
        Assert.Equal(0, region.Count);
        Assert.InRange(SaturdayEffect(profiles[0]), -0.3, 0);
    }
}
